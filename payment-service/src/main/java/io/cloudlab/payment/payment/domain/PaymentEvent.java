package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.UUID;

/** What happened to a payment. The stream of these is the payment; its state is folded from them. */
public sealed interface PaymentEvent {

    UUID orderId();

    /** The gateway holds the amount on the customer's means of payment. */
    record PaymentAuthorized(UUID orderId, String customerId, BigDecimal amount, String currency,
            PaymentMethodType paymentMethod, UUID paymentMethodId, String cardBrand, String cardLastFour,
            String gatewayReference) implements PaymentEvent {}

    /** The gateway refused the authorization; the payment is over. */
    record PaymentDeclined(UUID orderId, String customerId, BigDecimal amount, String currency,
            PaymentMethodType paymentMethod, DeclineReason reason) implements PaymentEvent {}

    /**
     * The gateway did not answer within the timeout: whether money is held is unknown. Recorded so that the
     * payment exists (pending) and a retry asks the gateway again under the same gateway idempotency key
     * instead of authorizing twice.
     */
    record PaymentAuthorizationTimedOut(UUID orderId, String customerId, BigDecimal amount, String currency,
            PaymentMethodType paymentMethod, UUID paymentMethodId) implements PaymentEvent {}

    /** Money moved: {@code amount} of the authorization was captured (the rest is released). */
    record PaymentCaptured(UUID orderId, BigDecimal amount, BigDecimal capturedTotal) implements PaymentEvent {}

    /** The authorization was released without capturing anything. */
    record PaymentVoided(UUID orderId) implements PaymentEvent {}

    /** {@code amount} went back to the customer; {@code refundedTotal} is the sum of all refunds so far. */
    record PaymentRefunded(UUID orderId, BigDecimal amount, BigDecimal refundedTotal, String reason)
            implements PaymentEvent {}
}

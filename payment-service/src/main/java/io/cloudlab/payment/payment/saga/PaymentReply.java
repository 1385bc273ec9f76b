package io.cloudlab.payment.payment.saga;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The payment service's answers to the order-fulfilment saga's commands (published on cloudlab.saga.replies;
 * the contract is in docs/services/payment-service.md, "Saga commands"). The record's name is the reply type.
 */
public sealed interface PaymentReply {

    /** Money is held for the order (also the answer to a new attempt once it is). */
    record PaymentAuthorized(UUID paymentId, BigDecimal amount, String currency) implements PaymentReply {}

    /**
     * The authorization was refused: declined, insufficient_funds, invalid_card (the gateway), or
     * invalid_payment_method (nothing was asked: the means of payment cannot be charged; paymentId null).
     */
    record PaymentDeclined(UUID paymentId, String reason) implements PaymentReply {}

    /** The gateway did not answer in time: the payment is pending, whether money is held is unknown. */
    record PaymentFailed(UUID paymentId, String reason) implements PaymentReply {}

    record PaymentCaptured(UUID paymentId, BigDecimal amount, BigDecimal capturedTotal) implements PaymentReply {}

    /** reason: payment_not_found, not_authorized, amount_above_authorized, gateway_refused. */
    record PaymentCaptureFailed(UUID paymentId, String reason) implements PaymentReply {}

    /**
     * The order's payment holds no money any more, or never did (voided false: nothing to void; an idempotent
     * success). paymentStatus says where the payment stands (null when the order has no payment).
     */
    record PaymentVoided(UUID paymentId, boolean voided, String paymentStatus) implements PaymentReply {}

    default String type() {
        return getClass().getSimpleName();
    }
}

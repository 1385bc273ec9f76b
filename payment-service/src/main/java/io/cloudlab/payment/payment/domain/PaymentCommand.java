package io.cloudlab.payment.payment.domain;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * What can be asked of a payment. A command carries every outside answer it needs (the gateway's answer to
 * an authorization), so deciding it asks nothing of anyone.
 */
public sealed interface PaymentCommand {

    /** Record the gateway's {@code answer} to authorizing {@code terms}. */
    record AuthorizePayment(AuthorizationTerms terms, GatewayAnswer answer) implements PaymentCommand {}

    /** @param amount empty: the whole authorized amount */
    record CapturePayment(UUID paymentId, Optional<BigDecimal> amount) implements PaymentCommand {}

    record VoidPayment(UUID paymentId) implements PaymentCommand {}

    /** {@code refundId}: a saga's refund (null over REST, where the Idempotency-Key names it). */
    record RefundPayment(UUID paymentId, BigDecimal amount, String reason, UUID refundId) implements PaymentCommand {}
}

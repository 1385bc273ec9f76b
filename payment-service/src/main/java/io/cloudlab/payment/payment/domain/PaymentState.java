package io.cloudlab.payment.payment.domain;

import java.math.BigDecimal;

/**
 * A payment as its events leave it ({@link Payment#evolve}). Amounts are at scale 2.
 *
 * @param status null while the payment does not exist
 * @param terms  what was authorized (or asked for, while pending or once declined)
 */
public record PaymentState(PaymentStatus status, AuthorizationTerms terms, String gatewayReference,
        DeclineReason declineReason, BigDecimal capturedAmount, BigDecimal refundedAmount) {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    static final PaymentState NONE = new PaymentState(null, null, null, null, ZERO, ZERO);

    public boolean exists() {
        return status != null;
    }
}

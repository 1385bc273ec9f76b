package io.cloudlab.payment.payment.domain;

import java.util.Locale;

/**
 * Where a payment is: pending (the gateway's answer is unknown: it timed out), then authorized or declined;
 * an authorization is captured or voided; a capture may be refunded in part or in full.
 */
public enum PaymentStatus {
    PENDING, AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, VOIDED, DECLINED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

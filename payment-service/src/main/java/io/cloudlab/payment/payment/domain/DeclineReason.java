package io.cloudlab.payment.payment.domain;

import java.util.Locale;

/** Why a gateway declined an authorization (the 402 problem's {@code reason}). */
public enum DeclineReason {
    DECLINED, INSUFFICIENT_FUNDS, INVALID_CARD;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeclineReason of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

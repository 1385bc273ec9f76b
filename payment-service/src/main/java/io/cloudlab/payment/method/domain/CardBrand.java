package io.cloudlab.payment.method.domain;

import java.util.Locale;

/** Card brand by issuer identification number prefix (the gateway reports it; the sandbox derives it so). */
public enum CardBrand {
    VISA, MASTERCARD, AMEX, DISCOVER, UNKNOWN;

    public static CardBrand of(String number) {
        if (number.startsWith("4")) return VISA;
        if (number.matches("^(5[1-5]|2[2-7]).*")) return MASTERCARD;
        if (number.matches("^3[47].*")) return AMEX;
        if (number.matches("^(6011|65).*")) return DISCOVER;
        return UNKNOWN;
    }

    public static CardBrand fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

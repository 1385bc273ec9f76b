package io.cloudlab.payment.method.domain;

import java.util.Locale;

/** The seed's payment_method enum; its JSON and SQL spelling is the lower-case name ({@link #toString()}). */
public enum PaymentMethodType {
    CREDIT_CARD, DEBIT_CARD, PAYPAL, APPLE_PAY, GOOGLE_PAY, BANK_TRANSFER, CRYPTOCURRENCY;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentMethodType of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Card types are charged through a stored card (gateway token); the others need no card data. */
    public boolean isCard() {
        return this == CREDIT_CARD || this == DEBIT_CARD;
    }
}

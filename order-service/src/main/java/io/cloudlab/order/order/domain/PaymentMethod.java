package io.cloudlab.order.order.domain;

import java.util.Locale;

/** The seed's payment_method enum. */
public enum PaymentMethod {
    CREDIT_CARD, DEBIT_CARD, PAYPAL, APPLE_PAY, GOOGLE_PAY, BANK_TRANSFER, CRYPTOCURRENCY;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Card payments name the stored card (a payment-service payment method id); the others need none. */
    public boolean isCard() {
        return this == CREDIT_CARD || this == DEBIT_CARD;
    }
}

package io.cloudlab.inventory.product.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A unit price: an amount greater than zero with at most two decimals that fits DECIMAL(10,2), in an ISO 4217
 * currency. Always held at scale 2, so "19.9" and "19.90" are the same price and print as "19.90".
 */
public record Price(BigDecimal amount, String currency) {

    public static final BigDecimal MAX = new BigDecimal("99999999.99");

    public Price {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0) throw new InvalidProductData("price", "must be greater than 0");
        if (amount.stripTrailingZeros().scale() > 2) throw new InvalidProductData("price", "must have at most 2 decimals");
        if (amount.compareTo(MAX) > 0) throw new InvalidProductData("price", "must be at most " + MAX);
        if (!isIsoCurrency(currency)) throw new InvalidProductData("currency", "must be an ISO 4217 currency code");
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Price of(String amount, String currency) {
        return new Price(new BigDecimal(amount), currency);
    }

    public Price withAmount(BigDecimal newAmount) {
        return new Price(newAmount, currency);
    }

    /** The wire form of money on this platform: a string with two decimals. */
    public String amountText() {
        return amount.toPlainString();
    }

    public static boolean isIsoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) return false;
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

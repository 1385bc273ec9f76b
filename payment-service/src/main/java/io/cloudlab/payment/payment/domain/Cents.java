package io.cloudlab.payment.payment.domain;

import java.math.BigDecimal;

/** Money at scale 2: the scale of the DECIMAL(10,2) columns and of the events' decimal strings. */
final class Cents {

    private Cents() {}

    /** {@code amount} at scale 2; a sub-cent amount is an ArithmeticException, never rounded. */
    static BigDecimal of(BigDecimal amount, String field) {
        if (amount == null) throw new IllegalArgumentException(field + " is required");
        return amount.setScale(2);
    }
}

package io.cloudlab.contracts;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Money on the wire: a decimal string with at most two decimals ({@code "99.90"}), as the DECIMAL(10,2)
 * columns hold it; components that carry it are annotated {@code @JsonFormat(shape = STRING)}.
 */
public final class Money {

    private static final Pattern AMOUNT = Pattern.compile("^[0-9]{1,8}(\\.[0-9]{1,2})?$");

    private Money() {}

    /** {@code amount} with two decimals; more than two, negative or too large is an IllegalArgumentException. */
    public static BigDecimal amount(BigDecimal amount, String field) {
        if (amount == null) return null;
        if (amount.signum() < 0 || !AMOUNT.matcher(amount.toPlainString()).matches()
                && !AMOUNT.matcher(amount.stripTrailingZeros().toPlainString()).matches()) {
            throw new IllegalArgumentException(field + " is not an amount like \"99.90\"");
        }
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    public static BigDecimal positive(BigDecimal amount, String field) {
        BigDecimal checked = amount(amount, field);
        if (checked != null && checked.signum() <= 0) throw new IllegalArgumentException(field + " must be greater than 0");
        return checked;
    }

}

package io.cloudlab.order.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money of an order: always two decimals, as the DECIMAL(10,2) columns and the wire ("19.90") hold it. */
final class Amounts {

    private Amounts() {}

    /** {@code amount} at scale 2 ({@code 10} is {@code 10.00}); null stays null, more than two decimals is refused. */
    static BigDecimal cents(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}

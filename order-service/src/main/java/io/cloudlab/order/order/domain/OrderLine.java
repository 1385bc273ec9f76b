package io.cloudlab.order.order.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** One product of an order, priced from the catalogue when the order was placed. */
public record OrderLine(UUID productId, String productName, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}

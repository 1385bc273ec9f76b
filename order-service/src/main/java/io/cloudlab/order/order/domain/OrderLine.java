package io.cloudlab.order.order.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.UUID;

/** One product of an order, priced from the catalogue when the order was placed. Part of OrderPlaced's JSON. */
public record OrderLine(
        @JsonProperty("product_id") UUID productId,
        @JsonProperty("product_name") String productName,
        @JsonProperty("quantity") int quantity,
        @JsonProperty("unit_price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {

    public OrderLine {
        unitPrice = Amounts.cents(unitPrice);
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}

package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A customer placed an order (cloudlab.order.events): what other services may read of it. The shipping
 * address travels too, but only encrypted under the customer's key ({@code $pii}), so it is no field here.
 */
public record OrderPlaced(
        @JsonProperty("order_number") String orderNumber,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("currency") String currency,
        @JsonProperty("payment_method") String paymentMethod,
        @JsonProperty("payment_method_id") @Nullable UUID paymentMethodId,
        @JsonProperty("lines") List<Line> lines,
        @JsonProperty("total_amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalAmount) {

    public OrderPlaced {
        Require.text(customerId, "customer_id");
        Require.text(currency, "currency");
        Require.text(paymentMethod, "payment_method");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("lines must not be empty");
        lines = List.copyOf(lines);
        totalAmount = Money.positive(Require.present(totalAmount, "total_amount"), "total_amount");
    }

    /** One product of the order, priced from the catalogue when it was placed. */
    public record Line(
            @JsonProperty("product_id") UUID productId,
            @JsonProperty("product_name") String productName,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("unit_price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {

        public Line {
            Require.present(productId, "product_id");
            if (quantity < 1) throw new IllegalArgumentException("quantity must be at least 1");
            unitPrice = Money.amount(Require.present(unitPrice, "unit_price"), "unit_price");
        }
    }
}

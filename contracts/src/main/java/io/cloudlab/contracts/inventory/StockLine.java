package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** Units of one product, for one order. */
public record StockLine(@JsonProperty("product_id") UUID productId, @JsonProperty("quantity") int quantity) {

    public StockLine {
        Require.present(productId, "product_id");
        if (quantity < 1) throw new IllegalArgumentException("quantity must be at least 1");
    }
}

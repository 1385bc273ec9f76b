package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/**
 * Put the order's units back on sale: a hold is released, units sold to the order go back into stock. A
 * cancelled order, or a return of everything it bought.
 */
public record ReturnStock(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId) implements InventoryCommand {

    public ReturnStock {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
    }
}

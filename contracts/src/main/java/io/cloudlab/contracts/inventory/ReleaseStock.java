package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** Give the order's held units back (a compensation). */
public record ReleaseStock(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId) implements InventoryCommand {

    public ReleaseStock {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
    }
}

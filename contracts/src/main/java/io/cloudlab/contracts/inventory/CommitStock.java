package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** The order is paid: its held units are sold. */
public record CommitStock(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId) implements InventoryCommand {

    public CommitStock {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
    }
}

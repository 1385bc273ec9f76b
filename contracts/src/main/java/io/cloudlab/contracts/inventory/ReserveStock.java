package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.List;
import java.util.UUID;

/** Hold every line for the order, or none. */
public record ReserveStock(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("lines") List<StockLine> lines) implements InventoryCommand {

    /** As many lines as one order may have. */
    public static final int MAX_LINES = 100;

    public ReserveStock {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("lines must be an array of 1 to " + MAX_LINES + " lines");
        }
        lines = List.copyOf(lines);
    }
}

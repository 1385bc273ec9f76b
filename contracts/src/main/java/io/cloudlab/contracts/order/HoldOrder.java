package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** A saga about the order stopped for an operator: mark the order so, with why. */
public record HoldOrder(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("reason") String reason) implements OrderCommand {

    public HoldOrder {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        reason = reason == null || reason.isBlank() ? "stopped for an operator"
                : reason.substring(0, Math.min(CancelOrder.MAX_REASON, reason.length()));
    }
}

package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** The order cannot be fulfilled (a compensation): it ends cancelled, with the reason. */
public record RejectOrder(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("reason") @Nullable String reason) implements OrderCommand {

    /** As long a reason as the order keeps. */
    public static final int MAX_REASON = 500;

    public RejectOrder {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        reason = reason == null || reason.isBlank() ? "could not be fulfilled" : reason.substring(0, Math.min(MAX_REASON, reason.length()));
    }
}

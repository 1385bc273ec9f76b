package io.cloudlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * What every reply carries beside its own fields, written into the same object: which saga, which attempt
 * of which command, and which order. Only a reply to a step's command ids counts for the saga.
 */
public record ReplyHeader(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("command_id") UUID commandId,
        @JsonProperty("command_type") String commandType,
        @JsonProperty("order_id") UUID orderId) {}

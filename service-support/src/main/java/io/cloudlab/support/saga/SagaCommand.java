package io.cloudlab.support.saga;

import io.cloudlab.support.observability.LogContext;
import io.cloudlab.support.observability.Traceparent;
import io.cloudlab.eventstore.EventMetadata;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A command of the order-fulfilment saga as a service receives it from its commands topic
 * ({@code cloudlab.<service>.commands}). The orchestrator appends commands to its own streams and the store's
 * relay publishes them, so the message is the store's envelope: {@code event_id} is the command id (each
 * attempt has its own), {@code event_type} the command, {@code metadata} the tenant and correlation, and
 * {@code data} holds {@code saga_id}, {@code order_id} and the command's fields.
 */
public record SagaCommand(UUID commandId, String type, UUID sagaId, UUID orderId, UUID tenantId, UUID correlationId,
        String traceparent, JsonObject data) {

    /** Reads a message off a commands topic; a message that is not a command is an IllegalArgumentException. */
    public static SagaCommand parse(String message) {
        try {
            JsonObject envelope = new JsonObject(message);
            JsonObject metadata = envelope.getJsonObject("metadata");
            JsonObject data = envelope.getJsonObject("data");
            String correlation = metadata.getString("correlation_id");
            UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
            // The command's handling logs under its tenant and correlation, whichever service handles it.
            LogContext.of(tenant, correlation == null ? null : UUID.fromString(correlation));
            return new SagaCommand(UUID.fromString(envelope.getString("event_id")), envelope.getString("event_type"),
                    UUID.fromString(data.getString("saga_id")), UUID.fromString(data.getString("order_id")),
                    UUID.fromString(metadata.getString("tenant_id")),
                    correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"), data);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a saga command: " + e.getMessage(), e);
        }
    }

    /** Metadata for what the command causes: same tenant and correlation, caused by this command. */
    public EventMetadata metadata() {
        return new EventMetadata(tenantId, correlationId == null ? sagaId : correlationId, commandId,
                "saga-orchestrator", Traceparent.current(traceparent));
    }

    /** Deterministic id of the {@code index}-th event this command causes: a redelivery appends the same. */
    public UUID eventId(int index) {
        return UUID.nameUUIDFromBytes(("command:" + commandId + ":" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

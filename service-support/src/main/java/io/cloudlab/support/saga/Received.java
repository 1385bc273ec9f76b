package io.cloudlab.support.saga;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.SagaCommand;
import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.support.observability.LogContext;
import io.cloudlab.support.observability.Traceparent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A saga command as a participant receives it from its commands topic: the typed command of its contract,
 * and what its envelope says. The orchestrator appends commands to its own streams and its relay publishes
 * them, so the message is the store's envelope: {@code event_id} is the command id (each attempt has its
 * own), {@code event_type} the command's type, {@code metadata} the tenant, correlation and trace.
 */
public record Received<C extends SagaCommand>(UUID commandId, C command, UUID tenantId, UUID correlationId,
        String traceparent) {

    /** A message that is not one of the participant's commands is an IllegalArgumentException. */
    public static <C extends SagaCommand> Received<C> parse(String message, Participant<C, ?> contract) {
        try {
            JsonObject envelope = new JsonObject(message);
            JsonObject metadata = envelope.getJsonObject("metadata");
            String correlation = metadata.getString("correlation_id");
            UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
            // The command's handling logs under its tenant and correlation, whichever service handles it.
            LogContext.of(tenant, correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"));
            String type = envelope.getString("event_type");
            Class<? extends C> commandType = contract.commandType(type).orElseThrow(
                    () -> new IllegalArgumentException("not a command of " + contract.name() + ": " + type));
            return new Received<>(UUID.fromString(envelope.getString("event_id")),
                    Wire.read(envelope.getJsonObject("data").getMap(), commandType), tenant,
                    correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a saga command: " + e.getMessage(), e);
        }
    }

    public UUID sagaId() {
        return command.sagaId();
    }

    public UUID orderId() {
        return command.orderId();
    }

    public String type() {
        return Wire.typeOf(command);
    }

    /** Metadata for what the command causes: same tenant and correlation, caused by this command. */
    public EventMetadata metadata() {
        return new EventMetadata(tenantId, correlationId == null ? sagaId() : correlationId, commandId,
                "saga-orchestrator", Traceparent.current(traceparent));
    }

    /** Deterministic id of the {@code index}-th event this command causes: a redelivery appends the same. */
    public UUID eventId(int index) {
        return UUID.nameUUIDFromBytes(("command:" + commandId + ":" + index).getBytes(StandardCharsets.UTF_8));
    }
}

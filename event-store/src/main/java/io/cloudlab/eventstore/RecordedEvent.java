package io.cloudlab.eventstore;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event as stored, read back as the current type: upcast to the newest schema version, personal
 * fields decrypted (or marked erased).
 *
 * @param version       the event's place in its stream (1, 2, 3, ...)
 * @param position      global sequence number
 * @param transactionId id of the transaction that appended it; with position, the subscriptions' order
 */
public record RecordedEvent(
        UUID eventId,
        UUID aggregateId,
        String aggregateType,
        String eventType,
        int version,
        int schemaVersion,
        JsonObject data,
        JsonObject metadata,
        UUID tenantId,
        long position,
        long transactionId,
        OffsetDateTime createdAt) {

    public RecordedEvent withPayload(String type, int schema, JsonObject payload) {
        return new RecordedEvent(eventId, aggregateId, aggregateType, type, version, schema, payload, metadata,
                tenantId, position, transactionId, createdAt);
    }

    public String correlationId() {
        return metadata == null ? null : metadata.getString("correlation_id");
    }

    public String traceparent() {
        return metadata == null ? null : metadata.getString("traceparent");
    }
}

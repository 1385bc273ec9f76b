package io.cloudlab.readmodels.redis;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.readmodels.projection.ParkedEvent;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A parked event as stored in the projection's parked hash: the whole event, so that a retry applies exactly
 * what was parked without reading the store again, with the document, the error and when.
 */
final class ParkedCodec {

    private ParkedCodec() {}

    static String encode(String document, RecordedEvent e, String error, OffsetDateTime at) {
        return new JsonObject()
                .put("document", document).put("error", error).put("parked_at", at.toString())
                .put("event_id", e.eventId().toString()).put("aggregate_id", e.aggregateId().toString())
                .put("aggregate_type", e.aggregateType()).put("event_type", e.eventType())
                .put("version", e.version()).put("schema_version", e.schemaVersion())
                .put("tenant_id", e.tenantId() == null ? null : e.tenantId().toString())
                .put("position", e.position()).put("transaction_id", e.transactionId())
                .put("created_at", e.createdAt().toString())
                .put("data", e.dataJson()).put("metadata", e.metadataJson())
                .encode();
    }

    static String withError(String parked, String error) {
        return new JsonObject(parked).put("error", error).encode();
    }

    static RecordedEvent event(String parked) {
        JsonObject p = new JsonObject(parked);
        String tenant = p.getString("tenant_id");
        return RecordedEvent.stored(UUID.fromString(p.getString("event_id")), UUID.fromString(p.getString("aggregate_id")),
                p.getString("aggregate_type"), p.getString("event_type"), p.getInteger("version"),
                p.getInteger("schema_version"), p.getString("data"), p.getString("metadata"),
                tenant == null ? null : UUID.fromString(tenant), p.getLong("position"), p.getLong("transaction_id"),
                OffsetDateTime.parse(p.getString("created_at")));
    }

    static String document(String parked) {
        return new JsonObject(parked).getString("document");
    }

    static ParkedEvent view(String parked) {
        JsonObject p = new JsonObject(parked);
        return new ParkedEvent(p.getString("document"), UUID.fromString(p.getString("event_id")), p.getString("event_type"),
                UUID.fromString(p.getString("aggregate_id")), p.getLong("position"), p.getString("error"),
                OffsetDateTime.parse(p.getString("parked_at")));
    }
}

package io.cloudlab.inventory.product.view;

import io.cloudlab.eventstore.RecordedEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Events of a product that arrived before an earlier version of its stream, kept in the document (field
 * {@value #FIELD}) until the missing versions arrive.
 *
 * <p>Why one could arrive early: subscriptions deliver in (transaction id, position) order, and a transaction's
 * id is assigned when it first writes or locks a row, not when it commits. Concurrent commands on one product
 * take their ids, then queue on the product's row lock and are granted it in an order of their own, so version
 * 9's transaction may hold a smaller id than version 8's. The event store records ids that keep stream order
 * (its migration V8); holding early events here keeps the documents right whatever order they come in.
 */
final class EarlyEvents {

    static final String FIELD = "early_events";

    private EarlyEvents() {}

    static JsonObject encode(RecordedEvent e) {
        return new JsonObject().put("event_id", e.eventId().toString()).put("aggregate_id", e.aggregateId().toString())
                .put("aggregate_type", e.aggregateType()).put("event_type", e.eventType()).put("version", e.version())
                .put("schema_version", e.schemaVersion()).put("data", e.data()).put("tenant_id", e.tenantId().toString())
                .put("position", e.position()).put("transaction_id", e.transactionId())
                .put("created_at", e.createdAt().toString());
    }

    static RecordedEvent decode(JsonObject e) {
        return new RecordedEvent(UUID.fromString(e.getString("event_id")), UUID.fromString(e.getString("aggregate_id")),
                e.getString("aggregate_type"), e.getString("event_type"), e.getInteger("version"),
                e.getInteger("schema_version"), e.getJsonObject("data"), null, UUID.fromString(e.getString("tenant_id")),
                e.getLong("position"), e.getLong("transaction_id"), OffsetDateTime.parse(e.getString("created_at")));
    }

    /** The held event with this stream version, or null. */
    static JsonObject take(JsonArray held, int version) {
        for (int i = 0; i < held.size(); i++) {
            if (held.getJsonObject(i).getInteger("version") == version) return (JsonObject) held.remove(i);
        }
        return null;
    }

    static boolean holds(JsonArray held, int version) {
        for (int i = 0; i < held.size(); i++) {
            if (held.getJsonObject(i).getInteger("version") == version) return true;
        }
        return false;
    }
}

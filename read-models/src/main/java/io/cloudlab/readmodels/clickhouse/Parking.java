package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.readmodels.projection.ParkedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Parked events of one table version ({@code parked_events}). A change of state is a newer row under the same
 * key (ReplacingMergeTree by {@code change_ms}), read with FINAL.
 */
final class Parking {

    static final String PARKED = "parked";
    static final String WAITING = "waiting";
    static final String RETRIED = "retried";
    static final String SKIPPED = "skipped";

    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What a batch must know before it applies: events already parked, and documents blocked by one. */
    record Known(Set<String> events, Set<String> blockedDocuments) {
        boolean contains(RecordedEvent event) {
            return events.contains(key(event.transactionId(), event.position()));
        }
    }

    private final ClickHouse clickhouse;
    private final String projection;
    private final String store;
    private final int version;

    Parking(ClickHouse clickhouse, String projection, String store, int version) {
        this.clickhouse = clickhouse;
        this.projection = projection;
        this.store = store;
        this.version = version;
    }

    Uni<Known> known() {
        return unresolved("").map(rows -> {
            Set<String> events = new HashSet<>();
            Set<String> blocked = new HashSet<>();
            for (JsonObject row : rows) {
                events.add(key(row.getLong("transaction_id"), row.getLong("position")));
                blocked.add(row.getString("document"));
            }
            return new Known(events, blocked);
        });
    }

    /** Parked and waiting events in delivery order, of one document or (with "") of all. */
    Uni<List<JsonObject>> unresolved(String document) {
        return clickhouse.select("SELECT document, transaction_id, position, toString(event_id) AS event_id, event_type,"
                + " toString(aggregate_id) AS aggregate_id, toString(tenant_id) AS tenant_id, error,"
                + " toString(state) AS state, parked_at FROM parked_events FINAL WHERE " + where()
                + (document.isEmpty() ? "" : " AND document = " + ClickHouse.literal(document))
                + " AND state IN ('parked', 'waiting') ORDER BY transaction_id, position");
    }

    Uni<List<ParkedEvent>> list() {
        return unresolved("").map(rows -> rows.stream().map(r -> new ParkedEvent(r.getString("document"),
                UUID.fromString(r.getString("event_id")), r.getString("event_type"),
                UUID.fromString(r.getString("aggregate_id")), r.getLong("position"), r.getString("error"),
                java.time.LocalDateTime.parse(r.getString("parked_at"), CLICKHOUSE_TIME).atOffset(ZoneOffset.UTC))).toList());
    }

    Uni<Long> count() {
        return clickhouse.select("SELECT count() AS n FROM parked_events FINAL WHERE " + where()
                + " AND state IN ('parked', 'waiting')").map(rows -> rows.get(0).getLong("n"));
    }

    JsonObject row(RecordedEvent event, String error, String state) {
        return new JsonObject().put("projection", projection).put("store", store).put("version", version)
                .put("document", documentOf(event)).put("transaction_id", event.transactionId())
                .put("position", event.position()).put("event_id", event.eventId().toString())
                .put("event_type", event.eventType()).put("aggregate_id", event.aggregateId().toString())
                .put("tenant_id", String.valueOf(event.tenantId())).put("error", error).put("state", state)
                .put("parked_at", OffsetDateTime.now(ZoneOffset.UTC).toString()).put("change_ms", System.currentTimeMillis());
    }

    /** The same parked row in another state (the key and the parking time stay). */
    static JsonObject changed(JsonObject stored, String state, String error) {
        return stored.copy().put("state", state).put("error", error).put("change_ms", System.currentTimeMillis())
                .put("parked_at", stored.getString("parked_at").replace(' ', 'T') + "Z");
    }

    JsonObject keyed(JsonObject stored) {
        return stored.copy().put("projection", projection).put("store", store).put("version", version);
    }

    Uni<Void> put(List<JsonObject> rows) {
        return clickhouse.insert("parked_events", rows);
    }

    /** Events of one aggregate wait behind its parked event: a document is an aggregate. */
    static String documentOf(RecordedEvent event) {
        return event.aggregateId().toString();
    }

    private String where() {
        return "projection = " + ClickHouse.literal(projection) + " AND store = " + ClickHouse.literal(store)
                + " AND version = " + version;
    }

    private static String key(long transactionId, long position) {
        return transactionId + ":" + position;
    }
}

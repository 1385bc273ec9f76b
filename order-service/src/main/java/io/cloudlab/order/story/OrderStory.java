package io.cloudlab.order.story;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.relay.RelayedRecords;
import io.cloudlab.order.analytics.OrderAnalytics;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.order.view.OrderViewsProjection;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.clickhouse.FactsProjections;
import io.cloudlab.readmodels.clickhouse.FactsProjector;
import io.cloudlab.readmodels.redis.RedisProjections;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One order's whole story for the people who run the platform: its events in stream order with their payloads and
 * the Kafka records the relay made of them, and what each read model holds of it (the Redis document, the
 * ClickHouse rows). The customer's personal fields
 * are shown to the shop's own staff only; a platform operator sees that they are there, not what they say.
 */
@ApplicationScoped
public class OrderStory {

    /** Stands in for a personal field a platform operator may not read. */
    static final String WITHHELD = "(personal data: shown to the shop's staff)";

    /** An event as stored, and the Kafka record the relay made of it (null: not relayed yet, or not found). */
    public record Event(UUID eventId, String eventType, int version, long position, OffsetDateTime createdAt,
            Map<String, Object> data, Map<String, Object> metadata, RelayedRecords.Placement kafka) {}

    public record ReadModels(Map<String, Object> redisDocument, List<Map<String, Object>> clickhouseOrderRows,
            List<Map<String, Object>> clickhousePaymentRows, String clickhouseUnavailable) {}

    public record Story(UUID orderId, UUID tenantId, String orderNumber, List<Event> events, ReadModels readModels) {}

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    RedisProjections redis;

    @Inject
    FactsProjections facts;

    @Inject
    ClickHouse clickhouse;

    @Inject
    RelayedRecords relayed;

    /** Records read past an event's time before it is given up as not found on Kafka. */
    static final int RECORDS_PER_EVENT = 5000;

    /**
     * @param tenantId  the caller's tenant, or null for a platform operator (who may look into any)
     * @param reference the order's id or its number
     */
    public Uni<Story> of(UUID tenantId, String reference, boolean mayReadPersonalData) {
        return find(tenantId, reference).chain(found -> {
            if (found.size() == 0) throw ProblemException.notFound("order " + reference);
            Row row = found.iterator().next();
            UUID orderId = row.getUUID("order_id");
            UUID tenant = row.getUUID("tenant_id");
            String number = row.getString("order_number");
            return store.load(tenant, orderId).chain(stream -> relayed(orderId, stream.events()).chain(records -> {
                List<Event> events = new ArrayList<>();
                for (RecordedEvent e : stream.events()) {
                    events.add(new Event(e.eventId(), e.eventType(), e.version(), e.position(), e.createdAt(),
                            shown(e.data(), mayReadPersonalData).getMap(), e.metadata() == null ? Map.of() : e.metadata().getMap(),
                            records.get(e.eventId())));
                }
                return readModels(tenant, orderId, mayReadPersonalData)
                        .map(models -> new Story(orderId, tenant, number, events, models));
            }));
        });
    }

    /** The Kafka records of the order's events; none when Kafka cannot be asked (the rest of the story stands). */
    private Uni<Map<UUID, RelayedRecords.Placement>> relayed(UUID orderId, List<RecordedEvent> events) {
        Map<UUID, java.time.Instant> times = new java.util.LinkedHashMap<>();
        for (RecordedEvent e : events) times.put(e.eventId(), e.createdAt().toInstant());
        return Uni.createFrom().item(() -> relayed.find(OrderEventCodec.AGGREGATE_TYPE, orderId, times, RECORDS_PER_EVENT))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(Map.of());
    }

    private Uni<RowSet<Row>> find(UUID tenantId, String reference) {
        if (tenantId == null) {
            return pool.preparedQuery("SELECT order_id, tenant_id FROM orders.find_order($1)")
                    .execute(Tuple.of(reference))
                    .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(rows)
                            : numbered(rows.iterator().next().getUUID("tenant_id"), rows.iterator().next().getUUID("order_id")));
        }
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT order_id, tenant_id, order_number FROM orders.order_summaries"
                        + " WHERE order_number = $1 OR order_id::text = lower($1) LIMIT 1")
                .execute(Tuple.of(reference)));
    }

    private Uni<RowSet<Row>> numbered(UUID tenantId, UUID orderId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT order_id, tenant_id, order_number FROM orders.order_summaries WHERE order_id = $1")
                .execute(Tuple.of(orderId)));
    }

    private Uni<ReadModels> readModels(UUID tenantId, UUID orderId, boolean mayReadPersonalData) {
        Uni<Map<String, Object>> document = redis.projector(OrderViewsProjection.NAME)
                .document(OrderViewsProjection.document(orderId))
                .map(json -> json == null ? null : shown(new JsonObject(json), mayReadPersonalData).getMap())
                .onFailure().recoverWithItem(failure -> Map.of("unavailable", String.valueOf(failure.getMessage())));
        return document.chain(doc -> Uni.createFrom().deferred(() -> clickhouseRows(tenantId, orderId))
                .map(rows -> new ReadModels(doc, rows.get(0), rows.get(1), null))
                .onFailure().recoverWithItem(failure -> new ReadModels(doc, List.of(), List.of(), failure.getMessage())));
    }

    private Uni<List<List<Map<String, Object>>>> clickhouseRows(UUID tenantId, UUID orderId) {
        FactsProjector.Tables tables = facts.projector(OrderAnalytics.NAME).tables();
        String where = " FINAL WHERE tenant_id = toUUID(" + ClickHouse.literal(tenantId.toString()) + ") AND order_id = toUUID("
                + ClickHouse.literal(orderId.toString()) + ") ORDER BY occurred_at, event_position";
        return clickhouse.select("SELECT * FROM " + tables.of("order_facts") + where)
                .chain(orders -> clickhouse.select("SELECT * FROM " + tables.of("payment_facts") + where)
                        .map(payments -> List.of(maps(orders), maps(payments))));
    }

    private static List<Map<String, Object>> maps(List<JsonObject> rows) {
        return rows.stream().map(JsonObject::getMap).toList();
    }

    /** The payload as the caller may see it: personal fields withheld from those outside the shop. */
    static JsonObject shown(JsonObject data, boolean mayReadPersonalData) {
        if (mayReadPersonalData) return data;
        JsonObject copy = data.copy();
        for (String field : OrderEventCodec.PERSONAL_FIELDS) {
            if (copy.containsKey(field) && copy.getValue(field) != null) copy.put(field, WITHHELD);
        }
        return copy;
    }
}

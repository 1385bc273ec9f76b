package io.cloudlab.order.analytics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.clickhouse.FactMapper;
import io.cloudlab.readmodels.clickhouse.FactRow;
import io.cloudlab.readmodels.clickhouse.FactsDefinition;
import io.cloudlab.readmodels.clickhouse.FactsProjections;
import io.cloudlab.readmodels.clickhouse.FactsProjector;
import io.cloudlab.readmodels.projection.ParkedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse facts engine with a probe projection whose mapping throws on chosen events: poison events are
 * parked with their error, later events of their order wait behind them, other orders go on; retry and skip.
 */
@QuarkusTest
class AnalyticsEngineTest {

    @Inject
    Pool pool;
    @Inject
    Upcasters upcasters;
    @Inject
    PersonalDataCodec personalData;
    @Inject
    FactsProjections projections;
    @Inject
    ClickHouse clickhouse;

    static final String PROBE_MIGRATIONS = "clickhouse/analytics-poison-probe";

    AnalyticsShop shop;
    UUID keyboard;
    FactsProjector probe;
    final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();

    /** One row per Order event of this test's tenant; throws on the OrderPaid of a poisoned order. */
    final class Probe implements FactsDefinition {
        private final String name;
        private final String migrations;

        Probe(String name, String migrations) {
            this.name = name;
            this.migrations = migrations;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SubscriptionFilter filter() {
            return SubscriptionFilter.aggregateTypes("Order");
        }

        @Override
        public String migrations() {
            return migrations;
        }

        @Override
        public List<FactTable> tables() {
            return List.of(new FactTable("probe_facts", "order_id"));
        }

        @Override
        public Uni<FactMapper> mapperFor(List<RecordedEvent> batch) {
            return Uni.createFrom().item(this::facts);
        }

        private List<FactRow> facts(RecordedEvent event) {
            if (!shop.tenant.equals(event.tenantId())) return List.of();
            if ("OrderPaid".equals(event.eventType()) && poisoned.contains(event.aggregateId())) {
                throw new IllegalStateException("cannot read " + event.eventType() + " of " + event.aggregateId());
            }
            return List.of(new FactRow("probe_facts", new JsonObject().put("tenant_id", event.tenantId().toString())
                    .put("order_id", event.aggregateId().toString()).put("event_type", event.eventType())
                    .put("occurred_at", event.createdAt().toInstant().toString())));
        }
    }

    @BeforeEach
    void start() {
        shop = new AnalyticsShop(pool, upcasters, personalData);
        keyboard = shop.product("Keyboard", "49.95", UUID.randomUUID());
        probe = projections.run(new Probe("analytics-poison-probe", PROBE_MIGRATIONS));
    }

    @AfterEach
    void stop() {
        projections.stop(probe);
    }

    @Test
    void aPoisonEventIsParkedItsOrdersLaterEventsWaitAndOtherOrdersGoOnUntilARetry() {
        UUID poison = shop.place(Map.of(keyboard, 1));
        poisoned.add(poison);
        shop.pay(poison, "49.95");
        shop.shipAfterPayment(poison);
        UUID healthy = shop.place(Map.of(keyboard, 1));
        shop.pay(healthy, "49.95");

        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> types(healthy).size() == 2 && parked(poison).size() == 3);
        List<ParkedEvent> parked = parked(poison);
        assertEquals(List.of("OrderPaid", "OrderProcessingStarted", "OrderShipped"), parked.stream().map(ParkedEvent::eventType).toList());
        assertTrue(parked.get(0).error().contains("cannot read OrderPaid"), parked.get(0).error());
        assertTrue(parked.get(1).error().startsWith("waits behind"), parked.get(1).error());
        assertEquals(List.of("OrderPlaced"), types(poison), "facts stop at the poison event");
        assertEquals(List.of("OrderPaid", "OrderPlaced"), types(healthy));

        // still poisonous: a retry keeps it parked, with its error
        assertEquals(3, probe.retryParked(poison.toString()).await().atMost(Duration.ofSeconds(120)));
        poisoned.remove(poison); // "the fix is deployed"
        assertEquals(0, probe.retryParked(poison.toString()).await().atMost(Duration.ofSeconds(120)));
        assertEquals(List.of("OrderPaid", "OrderPlaced", "OrderProcessingStarted", "OrderShipped"), types(poison));
        assertEquals(List.of(), parked(poison));

        shop.deliver(poison); // and later events of the order flow again
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> types(poison).contains("OrderDelivered"));
    }

    @Test
    void skippingDropsTheParkedEventAndAppliesTheOnesBehindIt() {
        UUID poison = shop.place(Map.of(keyboard, 1));
        poisoned.add(poison);
        shop.pay(poison, "49.95");
        shop.shipAfterPayment(poison);
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> parked(poison).size() == 3);

        assertEquals(0, probe.skipParked(poison.toString()).await().atMost(Duration.ofSeconds(120)));
        assertEquals(List.of("OrderPlaced", "OrderProcessingStarted", "OrderShipped"), types(poison));
        assertEquals(List.of(), parked(poison));
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefusedAndOnlyAnalyticsSayWhy() {
        FactsProjector original = projections.run(new Probe("analytics-migration-probe", PROBE_MIGRATIONS));
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> original.tables().version() > 0);
        projections.stop(original);

        FactsProjector edited = projections.run(new Probe("analytics-migration-probe", "clickhouse/analytics-probe-edited"));
        try {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                var refused = org.junit.jupiter.api.Assertions.assertThrows(io.cloudlab.support.problem.ProblemException.class,
                        edited::tables);
                assertEquals(503, refused.problem().status());
                assertTrue(refused.problem().detail().contains("V1__create_probe_facts"), refused.problem().detail());
                assertTrue(refused.problem().detail().contains("has changed"), refused.problem().detail());
            });
        } finally {
            projections.stop(edited);
        }
    }

    private List<ParkedEvent> parked(UUID order) {
        return probe.parked().await().atMost(Duration.ofSeconds(120)).stream()
                .filter(p -> p.aggregateId().equals(order)).toList();
    }

    private List<String> types(UUID order) {
        return clickhouse.select("SELECT event_type FROM " + probe.tables().of("probe_facts") + " FINAL WHERE order_id = toUUID('"
                        + order + "') ORDER BY event_type").await().atMost(Duration.ofSeconds(120))
                .stream().map(r -> r.getString("event_type")).toList();
    }
}

package io.cloudlab.order.analytics;

import io.cloudlab.support.testing.TestTokens;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics endpoints over real ClickHouse, PostgreSQL and Kafka: orders placed and driven through the order
 * API (and payment events as payment-service appends them), figures asserted exactly; redelivery, rebuild and
 * audit of the order-analytics facts.
 */
@QuarkusTest
class AnalyticsApiTest {

    static final String FIGURES = "/analytics/";
    static final List<String> ENDPOINTS = List.of("revenue/daily", "revenue/products", "revenue/vendors", "funnel",
            "reasons", "compliance");
    static final String PROJECTION = "/admin/projections/" + OrderAnalytics.NAME;

    @Inject
    Pool pool;
    @Inject
    Upcasters upcasters;
    @Inject
    PersonalDataCodec personalData;
    @Inject
    ClickHouse clickhouse;
    @Inject
    StoreIdentity store;

    AnalyticsShop shop;
    UUID vendorA = UUID.randomUUID();
    UUID vendorB = UUID.randomUUID();
    UUID keyboard;
    UUID mouse;

    @BeforeEach
    void products() {
        shop = new AnalyticsShop(pool, upcasters, personalData);
        keyboard = shop.product("Keyboard", "49.95", vendorA);
        mouse = shop.product("Mouse", "19.99", vendorB);
    }

    /** Five orders through every path, and a declined payment; answers the delivered one. */
    UUID scenario() {
        UUID delivered = shop.place(Map.of(keyboard, 2));                 // 99.90
        shop.pay(delivered, "99.90");
        shop.shipAfterPayment(delivered);
        shop.deliver(delivered);
        UUID shipped = shop.place(Map.of(mouse, 1, keyboard, 1));        // 69.94
        shop.pay(shipped, "69.94");
        shop.shipAfterPayment(shipped);
        UUID refunded = shop.place(Map.of(mouse, 3));                     // 59.97
        shop.pay(refunded, "59.97");
        shop.refund(refunded, "20.00", "late delivery");
        shop.cancel(shop.place(Map.of(keyboard, 1)), "changed my mind");
        UUID declined = shop.place(Map.of(mouse, 1));
        shop.payment(declined, "19.99", "PaymentDeclined:insufficient_funds");
        shop.reject(declined, "payment_declined");
        return delivered;
    }

    /** 16 order events (5 + 4 + 3 + 2 + 2) and one payment event of the scenario. */
    static final int SCENARIO_EVENTS = 17;

    @Test
    void theFiguresOfATenantAreExactlyWhatItsOrdersDid() {
        scenario();
        awaitProjected(SCENARIO_EVENTS);
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        JsonPath daily = figure("revenue/daily");
        assertEquals(1, daily.getList("days").size());
        assertEquals(Map.of("day", day, "currency", "EUR", "orders_paid", 3, "revenue", "229.81", "refunded", "20.00",
                "net", "209.81"), daily.getMap("days[0]"));

        JsonPath products = figure("revenue/products");
        assertEquals(List.of(Map.of("product_id", keyboard.toString(), "product_name", "Keyboard", "currency", "EUR",
                        "units", 3, "revenue", "149.85"),
                Map.of("product_id", mouse.toString(), "product_name", "Mouse", "currency", "EUR", "units", 4,
                        "revenue", "79.96")), products.getList("products"));

        JsonPath vendors = figure("revenue/vendors");
        assertEquals(List.of(Map.of("vendor_id", vendorA.toString(), "currency", "EUR", "units", 3, "revenue", "149.85"),
                Map.of("vendor_id", vendorB.toString(), "currency", "EUR", "units", 4, "revenue", "79.96")),
                vendors.getList("vendors"));

        JsonPath funnel = figure("funnel");
        assertEquals(List.of(5, 3, 2, 1), List.of(funnel.getInt("placed"), funnel.getInt("paid"), funnel.getInt("shipped"),
                funnel.getInt("delivered")));
        assertEquals(Map.of("placed_to_paid", 0.6f, "paid_to_shipped", 0.6667f, "shipped_to_delivered", 0.5f,
                "placed_to_delivered", 0.2f), funnel.getMap("conversion"));

        JsonPath reasons = figure("reasons");
        assertEquals(List.of(Map.of("reason", "changed my mind", "count", 1)), reasons.getList("cancellations"));
        assertEquals(List.of(Map.of("reason", "payment_declined", "count", 1)), reasons.getList("rejections"));
        assertEquals(List.of(Map.of("reason", "insufficient_funds", "count", 1)), reasons.getList("declines"));

        JsonPath compliance = figure("compliance");
        assertEquals(2, compliance.getInt("placed_to_shipped.count"));
        assertEquals(3600, compliance.getInt("placed_to_shipped.target"));
        assertTrue(compliance.getBoolean("placed_to_shipped.compliant"), "shipped within seconds");
        assertTrue(compliance.getFloat("placed_to_shipped.p50") <= compliance.getFloat("placed_to_shipped.p95"));
        assertEquals(SCENARIO_EVENTS, compliance.getInt("projection_delay.count"));
        assertEquals("milliseconds", compliance.getString("projection_delay.unit"));
        assertTrue(compliance.getFloat("projection_delay.max") < 60_000, "events reach ClickHouse within the target");

        // another tenant's staff sees none of it
        AnalyticsShop other = new AnalyticsShop(pool, upcasters, personalData);
        other.as(other.admin()).get(FIGURES + "funnel").then().statusCode(200).body("placed", is(0));
    }

    @Test
    void onlyStaffSeeAnalyticsAndAPeriodIsValidated() {
        shop.as(shop.customerToken()).get(FIGURES + "funnel").then().statusCode(403).contentType("application/problem+json");
        shop.as(shop.support()).get(FIGURES + "funnel").then().statusCode(200);
        shop.as(shop.admin()).queryParam("from", "2026-13-01").get(FIGURES + "revenue/daily").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("from"));
        shop.as(shop.admin()).queryParam("to", "yesterday").get(FIGURES + "reasons").then().statusCode(400)
                .body("field", is("to"));
        shop.as(shop.admin()).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get(FIGURES + "funnel")
                .then().statusCode(400).contentType("application/problem+json").body("field", is("from"));
        shop.as(shop.admin()).queryParam("from", "2020-01-01").queryParam("to", "2020-01-31").get(FIGURES + "revenue/daily")
                .then().statusCode(200).body("days.size()", is(0));
    }

    @Test
    void eventsDeliveredAgainChangeNoFigureBeforeOrAfterClickHouseMerges() {
        scenario();
        awaitProjected(SCENARIO_EVENTS);
        Map<String, String> before = allFigures();

        // Every event of the store again: the checkpoint back to the start, the subscription's connection cut
        // in the same statement, so it restarts from there (as after a crash before its checkpoint moved).
        String subscription = servingSubscription();
        long head = pool.preparedQuery("SELECT last_position FROM event_store.subscription_checkpoints"
                + " WHERE subscription_name = $1").execute(Tuple.of(subscription)).await().atMost(Duration.ofSeconds(120))
                .iterator().next().getLong(0);
        pool.preparedQuery("WITH reset AS (UPDATE event_store.subscription_checkpoints SET last_transaction_id = '0',"
                        + " last_position = 0 WHERE subscription_name = $1 RETURNING 1)"
                        + " SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l, reset WHERE l.locktype = 'advisory'"
                        + " AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('event_store.subscription:' || $1, 0)")
                .execute(Tuple.of(subscription)).await().atMost(Duration.ofSeconds(120));
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> {
            var rows = pool.preparedQuery("SELECT last_position FROM event_store.subscription_checkpoints"
                    + " WHERE subscription_name = $1").execute(Tuple.of(subscription)).await().atMost(Duration.ofSeconds(120));
            return rows.iterator().next().getLong(0) >= head;
        });
        assertEquals(before, allFigures(), "figures after the redelivery, before any merge");

        String version = Integer.toString(JsonPathOf(shop.as(TestTokens.operator()).get(PROJECTION)).getInt("version"));
        for (String table : List.of("order_facts", "order_line_facts", "payment_facts")) {
            clickhouse.execute("OPTIMIZE TABLE " + table + "_v" + version + " FINAL").await().atMost(Duration.ofSeconds(120));
        }
        assertEquals(before, allFigures(), "figures once ClickHouse merged the duplicates away");
    }

    @Test
    void theAuditFindsNoDifferenceUntilARowIsDeletedByHand() {
        UUID delivered = scenario();
        awaitProjected(SCENARIO_EVENTS);
        JsonPath clean = JsonPathOf(shop.as(TestTokens.operator()).post(PROJECTION + "/audit"));
        assertEquals(List.of(), clean.getList("differences"), "no difference before the plant");
        assertTrue(clean.getLong("events_replayed") >= SCENARIO_EVENTS);

        String table = "order_facts_v" + clean.getInt("version");
        clickhouse.execute("ALTER TABLE " + table + " DELETE WHERE order_id = toUUID('" + delivered
                + "') AND event_type = 'OrderDelivered'").await().atMost(Duration.ofSeconds(120));
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> clickhouse.select("SELECT count() AS n FROM " + table
                + " WHERE order_id = toUUID('" + delivered + "') AND event_type = 'OrderDelivered'")
                .await().atMost(Duration.ofSeconds(120)).get(0).getLong("n") == 0);

        JsonPath planted = JsonPathOf(shop.as(TestTokens.operator()).post(PROJECTION + "/audit"));
        assertEquals(List.of("order_facts:" + delivered), planted.getList("differences.document"));
        assertTrue(planted.getString("differences[0].expected").contains("OrderDelivered"));
        assertTrue(!planted.getString("differences[0].actual").contains("OrderDelivered"));
    }

    @Test
    void aRebuildWhileOrdersKeepComingEndsWithTheSameFigures() {
        scenario();
        awaitProjected(SCENARIO_EVENTS);
        int serving = JsonPathOf(shop.as(TestTokens.operator()).get(PROJECTION)).getInt("version");
        int building = JsonPathOf(shop.as(TestTokens.operator()).post(PROJECTION + "/rebuild")).getInt("building");
        assertTrue(building > serving);

        int more = 0;
        do { // orders keep coming while the new version fills, until readers have switched over
            UUID order = shop.place(Map.of(keyboard, 1));
            shop.pay(order, "49.95");
            more++;
        } while (JsonPathOf(shop.as(TestTokens.operator()).get(PROJECTION)).getInt("version") != building && more < 40);
        int extra = more;
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> JsonPathOf(shop.as(TestTokens.operator()).get(PROJECTION)).getInt("version") == building);
        awaitProjected(SCENARIO_EVENTS + 2 * extra);

        JsonPath funnel = figure("funnel");
        assertEquals(List.of(5 + extra, 3 + extra, 2, 1), List.of(funnel.getInt("placed"), funnel.getInt("paid"),
                funnel.getInt("shipped"), funnel.getInt("delivered")));
        JsonPath daily = figure("revenue/daily");
        assertEquals(3 + extra, daily.getInt("days[0].orders_paid"));
        assertEquals(new java.math.BigDecimal("229.81").add(new java.math.BigDecimal("49.95").multiply(
                java.math.BigDecimal.valueOf(extra))).toPlainString(), daily.getString("days[0].revenue"));
        assertEquals(List.of(Map.of("reason", "insufficient_funds", "count", 1)), figure("reasons").getList("declines"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> clickhouse.select("SELECT count() AS n FROM system.tables"
                + " WHERE database = currentDatabase() AND name = 'order_facts_v" + serving + "'")
                .await().atMost(Duration.ofSeconds(120)).get(0).getLong("n") == 0);
    }

    /**
     * Waits for the tenant's events in ClickHouse. Generous: the store delivers nothing past the oldest open
     * transaction of the PostgreSQL cluster (read_committed's xmin rule), so another build's long transaction on
     * this shared machine holds every subscription back meanwhile (seen: 30 s).
     */
    private void awaitProjected(int events) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> {
            var response = shop.as(shop.admin()).get(FIGURES + "compliance");
            return response.statusCode() == 200 && response.jsonPath().getInt("projection_delay.count") == events;
        });
    }

    private JsonPath figure(String endpoint) {
        return JsonPathOf(shop.as(shop.support()).get(FIGURES + endpoint));
    }

    private Map<String, String> allFigures() {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String endpoint : ENDPOINTS) {
            JsonPath figure = figure(endpoint);
            Map<String, Object> all = figure.getMap("$");
            figures.put(endpoint, all.toString());
        }
        return figures;
    }

    private String servingSubscription() {
        String id = store.id().await().atMost(Duration.ofSeconds(120));
        return clickhouse.select("SELECT subscription FROM projection_versions FINAL WHERE projection = '"
                        + OrderAnalytics.NAME + "' AND store = '" + id + "' AND status = 'serving'")
                .await().atMost(Duration.ofSeconds(120)).get(0).getString("subscription");
    }

    private static JsonPath JsonPathOf(io.restassured.response.Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        return response.jsonPath();
    }
}

package io.cloudlab.order.view;

import io.cloudlab.support.testing.TestTokens;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.order.history.OrderHistory;
import io.cloudlab.order.order.api.OrderView;
import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.order.order.store.Orders;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.cloudlab.readmodels.redis.ViewKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order views in Redis against the events: what the Redis tier answers is what PostgreSQL's fold of the
 * stream answers, reads wait for a write they name, and the projection can be audited, rebuilt under traffic
 * and recovers from poison events. Real Redis, PostgreSQL and Kafka.
 */
@QuarkusTest
class OrderViewsTest {

    @Inject
    Pool pool;
    @Inject
    Orders orders;
    @Inject
    OrderHistory history;
    @Inject
    ObjectMapper json;
    @Inject
    EventStore store;
    @Inject
    RedisDataSource redis;
    @Inject
    StoreIdentity storeIdentity;
    @Inject
    ProjectionsConfig config;

    Storefront shop;
    UUID keyboard;

    @BeforeEach
    void catalogue() {
        shop = new Storefront(pool);
        keyboard = shop.product("Keyboard", "49.95", "EUR");
    }

    @Test
    void afterABurstOfOrdersTheRedisTierAnswersWhatTheEventsSay() {
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < 20; i++) placed.add(place());
        for (int i = 0; i < 20; i += 3) placed.set(i, cancel(placed.get(i)));

        for (Placed order : placed) {
            Response read = shop.as(shop.customerToken()).header(ConsistencyToken.HEADER, order.token())
                    .get("/orders/" + order.id()).then().statusCode(200).extract().response();
            assertEquals(fromStream(order.id()), tree(read.asString()), "order " + order.id());
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> tier(placed.get(placed.size() - 1)).equals("redis")
                || tier(placed.get(placed.size() - 1)).equals("memory"));
    }

    @Test
    void aReadThatNamesAWriteSeesIt() {
        Placed order = place();
        shop.as(shop.customerToken()).header(ConsistencyToken.HEADER, order.token()).get("/orders/" + order.id())
                .then().statusCode(200).body("status", is("pending_payment")).body("version", is(1))
                .header("X-Read-Tier", oneOf("redis", "memory"));

        Placed cancelled = cancel(order);
        shop.as(shop.customerToken()).queryParam("after", cancelled.token()).get("/orders/" + order.id())
                .then().statusCode(200).body("status", is("cancelled")).body("version", is(2))
                .header("X-Read-Tier", oneOf("redis", "memory"));
        shop.as(shop.customerToken()).queryParam("after", cancelled.token()).get("/orders")
                .then().statusCode(200).body("orders[0].order_id", is(order.id().toString()))
                .body("orders[0].status", is("cancelled"));
        // Read again at once: the in-process tier has it.
        shop.as(shop.customerToken()).get("/orders/" + order.id()).then().statusCode(200)
                .header("X-Read-Tier", "memory").body("status", is("cancelled"));
    }

    @Test
    void aTokenThatIsNotOneIsA400NamingIt() {
        shop.as(shop.customerToken()).queryParam("after", "yesterday").get("/orders/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json").body("field", is("after"));
    }

    @Test
    void theCustomersListFromRedisPagesLikeTheOneFromPostgres() {
        Placed last = null;
        for (int i = 0; i < 5; i++) last = place();
        String token = last.token();
        await().atMost(Duration.ofSeconds(120)).until(() -> "redis".equals(shop.as(shop.customerToken())
                .header(ConsistencyToken.HEADER, token).get("/orders").header("X-Read-Tier")));

        String cursor = null;
        List<JsonNode> fromRedis = new ArrayList<>();
        do {
            var request = shop.as(shop.customerToken()).queryParam("limit", 2);
            if (cursor != null) request.queryParam("cursor", cursor);
            Response page = request.get("/orders").then().statusCode(200).header("X-Read-Tier", "redis").extract().response();
            fromRedis.add(tree(page.asString()));
            cursor = page.path("next_cursor");
        } while (cursor != null);

        List<JsonNode> fromPostgres = new ArrayList<>();
        String pgCursor = null;
        do {
            var page = history.page(shop.tenant, shop.customer, pgCursor, 2).await().atMost(Duration.ofSeconds(120));
            fromPostgres.add(tree(write(page)));
            pgCursor = page.nextCursor();
        } while (pgCursor != null);
        assertEquals(fromPostgres, fromRedis);
        assertEquals(3, fromRedis.size());
    }

    @Test
    void theAuditFindsTheDifferenceThatIsPlantedAndNothingElse() {
        Placed order = place();
        awaitInRedis(order);
        assertEquals(Set.of(), differingDocuments(audit()), "before planting");

        String key = documentKey(order.id());
        String original = redis.value(String.class).get(key);
        redis.value(String.class).set(key, new JsonObject(original).put("status", "delivered").encode());
        try {
            JsonObject report = audit();
            assertEquals(Set.of(OrderViewsProjection.document(order.id())), differingDocuments(report));
            // The projection's state, from any instance, tells who ran the last audit and how it ended.
            operator().get("/admin/projections/order-views").then().statusCode(200)
                    .body("audit.started_by", is("operator-1"))
                    .body("audit.finished_at", org.hamcrest.Matchers.notNullValue())
                    .body("audit.differences", is(1))
                    .body("audit.events_replayed", is(report.getInteger("events_replayed")))
                    .body("audit.documents_compared", is(report.getInteger("documents_compared")));
        } finally {
            redis.value(String.class).set(key, original);
        }
    }

    @Test
    void aRebuildUnderTrafficSwitchesOverToIdenticalViews() throws Exception {
        int before = operator().get("/admin/projections/order-views").then().statusCode(200).extract().path("version");
        CompletableFuture<List<Placed>> traffic = CompletableFuture.supplyAsync(() -> {
            List<Placed> placed = new ArrayList<>();
            for (int i = 0; i < 15; i++) placed.add(place());
            return placed;
        });
        operator().post("/admin/projections/order-views/rebuild").then().statusCode(200).body("building", is(before + 1));
        List<Placed> placed = traffic.get();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var state = operator().get("/admin/projections/order-views").then().extract().response();
            return state.<Integer>path("version") == before + 1 && state.path("building") == null;
        });
        for (Placed order : placed) {
            Response read = shop.as(shop.customerToken()).header(ConsistencyToken.HEADER, order.token())
                    .get("/orders/" + order.id()).then().statusCode(200).header("X-Read-Tier", oneOf("redis", "memory"))
                    .extract().response();
            assertEquals(fromStream(order.id()), tree(read.asString()));
        }
        assertEquals(Set.of(), differingDocuments(audit()));
        // The old version's keys are dropped after the switch.
        await().atMost(Duration.ofSeconds(120)).until(() -> redis.key().keys(versionKeys(before).prefix() + "*").isEmpty());
    }

    @Test
    void aPoisonEventIsParkedWithItsFollowersWhileOtherOrdersGoOnThenRetriedAndSkipped() {
        UUID poisoned = UUID.randomUUID();
        store.append("Order", poisoned, 0, List.of(NewEvent.of("OrderPlaced", new JsonObject().put("nonsense", true)),
                        NewEvent.of("OrderCancelled", new JsonObject().put("reason", "r").put("cancelled_by", "c"))),
                EventMetadata.forTenant(shop.tenant)).await().atMost(Duration.ofSeconds(120));
        String document = OrderViewsProjection.document(poisoned);

        await().atMost(Duration.ofSeconds(120)).until(() -> parkedOf(document).size() == 2);
        List<Map<String, Object>> parked = parkedOf(document);
        assertTrue(((String) parked.get(0).get("error")).contains("NullPointerException")
                || ((String) parked.get(0).get("error")).contains("unreadable"), parked.toString());
        assertTrue(((String) parked.get(1).get("error")).startsWith("waiting behind"), parked.toString());

        Placed healthy = place();
        awaitInRedis(healthy);

        operator().post("/admin/projections/order-views/parked/" + document + "/retry").then().statusCode(200).body("still_parked", is(2));
        // Skipping the unreadable OrderPlaced leaves an OrderCancelled that cannot start an order: parked again.
        operator().post("/admin/projections/order-views/parked/" + document + "/skip").then().statusCode(200).body("still_parked", is(1));
        operator().post("/admin/projections/order-views/parked/" + document + "/skip").then().statusCode(200).body("still_parked", is(0));
        assertEquals(List.of(), parkedOf(document));
        assertNull(redis.value(String.class).get(documentKey(poisoned)));
        operator().post("/admin/projections/order-views/parked/" + document + "/skip").then().statusCode(404);
    }

    @Test
    void lagIsReportedAsGaugesAndInTheAdminApi() {
        awaitInRedis(place());
        operator().get("/admin/projections").then().statusCode(200)
                .body("find { it.name == 'order-views' }.sink", is("redis"))
                .body("find { it.name == 'order-views' }.active_here", is(true));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> io.restassured.RestAssured.get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("cloudlab_projection_lag_seconds{projection=\"order-views\"}"))
                .body(org.hamcrest.Matchers.containsString("cloudlab_projection_apply_delay_seconds_count{projection=\"order-views\"}")));
        shop.as(shop.customerToken()).get("/admin/projections").then().statusCode(403);
    }

    // --- helpers

    record Placed(UUID id, int version) {
        String token() {
            return id + ":" + version;
        }
    }

    private Placed place() {
        Response placed = shop.place(Storefront.order(keyboard)).statusCode(201).extract().response();
        String token = placed.header(ConsistencyToken.HEADER);
        UUID id = UUID.fromString(placed.path("order_id"));
        assertEquals(id + ":1", token);
        return new Placed(id, 1);
    }

    private Placed cancel(Placed order) {
        Response cancelled = shop.keyed(shop.customerToken()).body("{}").post("/orders/" + order.id() + "/cancel")
                .then().statusCode(200).extract().response();
        return new Placed(order.id(), cancelled.path("version"));
    }

    private String tier(Placed order) {
        return shop.as(shop.customerToken()).get("/orders/" + order.id()).header("X-Read-Tier");
    }

    private void awaitInRedis(Placed order) {
        await().atMost(Duration.ofSeconds(120)).until(() -> redis.value(String.class).get(documentKey(order.id())) != null);
    }

    private JsonNode fromStream(UUID orderId) {
        return tree(write(OrderViewFold.fold(orders.load(shop.tenant, orderId).await().atMost(Duration.ofSeconds(120)).history()).view()));
    }

    private JsonObject audit() {
        return new JsonObject(operator().post("/admin/projections/order-views/audit").then().statusCode(200).extract().asString());
    }

    private static Set<String> differingDocuments(JsonObject report) {
        return report.getJsonArray("differences").stream().map(d -> ((JsonObject) d).getString("document"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private List<Map<String, Object>> parkedOf(String document) {
        List<Map<String, Object>> all = operator().get("/admin/projections/order-views/parked").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(p -> document.equals(p.get("document"))).toList();
    }

    private String documentKey(UUID orderId) {
        int version = operator().get("/admin/projections/order-views").then().extract().path("version");
        return versionKeys(version).document(OrderViewsProjection.document(orderId));
    }

    private ViewKeys.Version versionKeys(int version) {
        return ViewKeys.of(config.redis().namespace(), OrderViewsProjection.NAME,
                storeIdentity.id().await().atMost(Duration.ofSeconds(120))).version(version);
    }

    private io.restassured.specification.RequestSpecification operator() {
        return shop.as(TestTokens.operator());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

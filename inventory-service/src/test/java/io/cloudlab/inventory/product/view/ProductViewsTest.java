package io.cloudlab.inventory.product.view;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.inventory.product.store.ProductRepository;
import io.cloudlab.inventory.reservation.store.ReservationExpiry;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.cloudlab.readmodels.redis.ViewKeys;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product views in Redis against the service's own tables: after a burst of stock changes every document
 * equals the rows, the Redis tier answers exactly what the PostgreSQL tier answers, a read waits for the write
 * it names, other tenants' documents stay invisible, and the audit finds a difference planted by hand. Real
 * Redis, PostgreSQL and Kafka.
 */
@QuarkusTest
class ProductViewsTest extends InventoryTestBase {

    /**
     * How long a view may take to show a write. Usually milliseconds; but subscriptions read only below the
     * cluster's oldest running transaction, so a long transaction anywhere on this PostgreSQL (another module's
     * benchmark holds some for 15 s and more) holds every projection back meanwhile.
     */
    static final Duration VIEW_WAIT = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;
    @Inject
    StoreIdentity storeIdentity;
    @Inject
    ProjectionsConfig config;
    @Inject
    ProductRepository products;
    @Inject
    ReservationExpiry expiry;

    /** A first run replays the whole store into fresh views: the tests start once that is done. */
    @BeforeEach
    void projectionsCaughtUp() {
        for (String projection : List.of(ProductCardsProjection.NAME, ProductAvailabilityProjection.NAME)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    as(TestTokens.operator()).get("/admin/projections/" + projection).then().statusCode(200).extract().<Integer>path("lag_events") == 0);
        }
    }

    @Test
    void afterABurstOfStockChangesTheDocumentsEqualTheRows() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) ids.add(create("Burst item " + i, 40));
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 24; i++) orders.add(UUID.randomUUID());

        // Reservations of one or two products at once, then a third of them released, a third committed, a few
        // expired by the job, while vendors restock: every kind of stock event, concurrently.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                UUID order = orders.get(i);
                UUID a = ids.get(i % ids.size());
                UUID b = ids.get((i + 1) % ids.size());
                Map<String, Object> body = i % 2 == 0 ? reservation(order, a, 1 + i % 3) : reservation(order, a, 2, b, 1);
                work.add(pool.submit(() -> keyed(admin()).body(body).when().post("/reservations").then().statusCode(201)));
            }
            for (UUID id : ids) {
                work.add(pool.submit(() -> keyed(vendor()).body(Map.of("quantity", 5)).when().post("/products/" + id + "/restock")
                        .then().statusCode(200)));
            }
            for (Future<?> f : work) f.get();
            work.clear();
            for (int i = 0; i < orders.size(); i++) {
                UUID order = orders.get(i);
                if (i % 4 == 0) work.add(pool.submit(() -> as(admin()).when().post("/reservations/" + order + "/release").then().statusCode(200)));
                if (i % 4 == 1) work.add(pool.submit(() -> as(admin()).when().post("/reservations/" + order + "/commit").then().statusCode(200)));
            }
            for (Future<?> f : work) f.get();
        } finally {
            pool.shutdown();
        }
        List<UUID> expiring = new ArrayList<>();
        for (int i = 2; i < orders.size(); i += 4) expiring.add(orders.get(i));
        execute("UPDATE inventory.reservations SET expires_at = now() - interval '1 second' WHERE order_id = ANY($1)",
                Tuple.of(expiring.toArray(UUID[]::new)));
        expiry.releaseDue().await().atMost(Duration.ofSeconds(120));
        assertEquals("expired", single("SELECT DISTINCT status FROM inventory.reservations WHERE order_id = $1",
                Tuple.of(expiring.get(0))).getString(0));

        for (UUID id : ids) {
            int version = single("SELECT version FROM inventory.products WHERE product_id = $1", Tuple.of(id)).getInteger(0);
            await().atMost(VIEW_WAIT).until(() -> {
                String json = document(ProductCardsProjection.NAME, id);
                return json != null && new JsonObject(json).getInteger("version") == version;
            });
            await().atMost(VIEW_WAIT).until(() -> {
                String json = document(ProductAvailabilityProjection.NAME, id);
                return json != null && new JsonObject(json).getInteger("version") == version;
            });
            var record = products.find(tenant, id).await().atMost(Duration.ofSeconds(120));
            int[] levels = stock(id);
            JsonObject figures = new JsonObject(document(ProductAvailabilityProjection.NAME, id));
            assertEquals(Map.of("available", levels[0], "reserved", levels[1], "on_hand", levels[0] + levels[1]),
                    Map.of("available", figures.getInteger("available"), "reserved", figures.getInteger("reserved"),
                            "on_hand", figures.getInteger("on_hand")), "product " + id);
            assertEquals(json(ProductAvailability.of(tenant, record)), figures, "product " + id);
            assertEquals(json(ProductCard.of(tenant, record)), new JsonObject(document(ProductCardsProjection.NAME, id)),
                    "product " + id);
        }
        // Every unit is accounted for: what was never committed is on hand.
        long committed = count("SELECT coalesce(sum(quantity), 0) FROM inventory.reservations WHERE status = 'committed'");
        long onHand = 0;
        for (UUID id : ids) onHand += new JsonObject(document(ProductAvailabilityProjection.NAME, id)).getInteger("on_hand");
        assertEquals(ids.size() * (40 + 5) - committed, onHand);
    }

    @Test
    void theRedisTierAnswersExactlyWhatThePostgresTierAnswers() {
        UUID id = create(vendor(), "Tiered lamp", "Brass, \"quoted\" and ünïcode", "12.5", 9);
        keyed(admin()).body(reservation(UUID.randomUUID(), id, 4)).when().post("/reservations").then().statusCode(201);
        String token = keyed(vendor()).body(Map.of("price", "13.75")).when().post("/products/" + id + "/reprice")
                .then().statusCode(200).header(ProductVersion.HEADER, id + ":3").extract().header(ProductVersion.HEADER);

        for (String path : List.of("/products/" + id, "/products/" + id + "/stock")) {
            await().atMost(VIEW_WAIT).until(() -> "redis".equals(
                    as(customer()).header(ProductVersion.HEADER, token).get(path).header("X-Read-Tier")));
            Response fromRedis = as(customer()).header(ProductVersion.HEADER, token).get(path);
            fromRedis.then().statusCode(200).header("X-Read-Tier", oneOf("redis", "memory"));
            // A version the product has not reached: the views wait for it, then the rows answer.
            Response fromPostgres = as(customer()).queryParam("after", id + ":4").get(path);
            fromPostgres.then().statusCode(200).header("X-Read-Tier", "postgres");
            assertEquals(new JsonObject(fromPostgres.asString()), new JsonObject(fromRedis.asString()), path);
        }
        as(customer()).get("/products/" + id).then().body("price", is("13.75")).body("version", is(3))
                .body("description", is("Brass, \"quoted\" and ünïcode"));
        as(customer()).get("/products/" + id + "/stock").then().body("available", is(5)).body("reserved", is(4));
    }

    @Test
    void aReadThatNamesAWriteSeesItAndTheTokenIsReplayedWithTheCommand() {
        UUID id = create("Fresh stool", 3);
        as(customer()).get("/products/" + id + "/stock").then().statusCode(200).body("available", is(3));

        String key = UUID.randomUUID().toString();
        String token = as(vendor()).header("Idempotency-Key", key).body(Map.of("quantity", 4)).post("/products/" + id + "/restock")
                .then().statusCode(200).extract().header(ProductVersion.HEADER);
        assertEquals(id + ":2", token);
        as(vendor()).header("Idempotency-Key", key).body(Map.of("quantity", 4)).post("/products/" + id + "/restock")
                .then().statusCode(200).header("Idempotency-Replayed", "true").header(ProductVersion.HEADER, token);

        as(customer()).header(ProductVersion.HEADER, token).get("/products/" + id + "/stock")
                .then().statusCode(200).body("available", is(7)).header("X-Read-Tier", oneOf("redis", "memory"));
        as(customer()).queryParam("after", token).get("/products/" + id)
                .then().statusCode(200).body("version", is(2)).header("X-Read-Tier", oneOf("redis", "memory"));
        // A token of another product asks nothing of this one.
        as(customer()).queryParam("after", UUID.randomUUID() + ":99").get("/products/" + id)
                .then().statusCode(200).header("X-Read-Tier", oneOf("redis", "memory"));
    }

    @Test
    void aTokenThatIsNotOneIsA400NamingIt() {
        UUID id = create("Token vase", 1);
        for (String bad : List.of("yesterday", id + ":0", id + ":x", "not-a-uuid:3")) {
            as(customer()).queryParam("after", bad).get("/products/" + id).then().statusCode(400)
                    .contentType("application/problem+json").body("field", is("after"));
        }
        as(customer()).header(ProductVersion.HEADER, "nonsense").get("/products/" + id + "/stock").then().statusCode(400)
                .contentType("application/problem+json").body("field", is(ProductVersion.HEADER));
    }

    @Test
    void anotherTenantsDocumentIsNotFoundFromEveryTier() {
        UUID id = create("Private rug", 2);
        await().atMost(VIEW_WAIT).until(() -> document(ProductCardsProjection.NAME, id) != null
                && document(ProductAvailabilityProjection.NAME, id) != null);
        as(customer()).get("/products/" + id).then().statusCode(200).header("X-Read-Tier", oneOf("redis", "memory"));
        String stranger = TestTokens.token(UUID.randomUUID(), vendorId, "customer", "admin");

        for (String path : List.of("/products/" + id, "/products/" + id + "/stock")) {
            as(stranger).get(path).then().statusCode(404).contentType("application/problem+json").body("type", endsWith("/not-found"));
            as(stranger).queryParam("after", id + ":5").get(path).then().statusCode(404);
        }
        as(customer()).get("/products/" + UUID.randomUUID() + "/stock").then().statusCode(404);
    }

    @Test
    void theAuditFindsNoDifferenceThenExactlyTheOnePlanted() {
        UUID id = create("Audited chair", 6);
        keyed(admin()).body(reservation(UUID.randomUUID(), id, 2)).when().post("/reservations").then().statusCode(201);
        await().atMost(VIEW_WAIT).until(() -> {
            String json = document(ProductAvailabilityProjection.NAME, id);
            return json != null && new JsonObject(json).getInteger("version") == 2;
        });
        JsonObject clean = audit(ProductAvailabilityProjection.NAME);
        assertEquals(List.of(), clean.getJsonArray("differences").getList(), clean.encodePrettily());

        String key = key(ProductAvailabilityProjection.NAME, id);
        String original = redis.value(String.class).get(key);
        redis.value(String.class).set(key, new JsonObject(original).put("available", 1000).encode());
        try {
            JsonObject report = audit(ProductAvailabilityProjection.NAME);
            Set<String> differing = new HashSet<>();
            report.getJsonArray("differences").forEach(d -> differing.add(((JsonObject) d).getString("document")));
            assertEquals(Set.of(ProductDocuments.document(id)), differing, report.encodePrettily());
            JsonObject difference = report.getJsonArray("differences").getJsonObject(0);
            assertEquals(4, new JsonObject(difference.getString("expected")).getInteger("available"));
            assertEquals(1000, new JsonObject(difference.getString("actual")).getInteger("available"));
        } finally {
            redis.value(String.class).set(key, original);
        }
        assertEquals(List.of(), audit(ProductCardsProjection.NAME).getJsonArray("differences").getList());
    }

    private JsonObject audit(String projection) {
        return new JsonObject(as(TestTokens.operator()).post("/admin/projections/" + projection + "/audit")
                .then().statusCode(200).extract().asString());
    }

    /** The document's JSON in the serving version, read straight from Redis (null when there is none). */
    private String document(String projection, UUID productId) {
        return redis.value(String.class).get(key(projection, productId));
    }

    private String key(String projection, UUID productId) {
        int version = as(TestTokens.operator()).get("/admin/projections/" + projection).then().statusCode(200).extract().path("version");
        String store = storeIdentity.id().await().atMost(Duration.ofSeconds(120));
        return ViewKeys.of(config.redis().namespace(), projection, store).version(version).document(ProductDocuments.document(productId));
    }

    private static JsonObject json(Object document) {
        return new JsonObject(ProductDocuments.encode(document));
    }
}

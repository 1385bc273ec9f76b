package io.cloudlab.order.privacy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.order.analytics.OrderAnalytics;
import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.order.view.OrderViewsProjection;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.cloudlab.readmodels.redis.ViewKeys;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A customer's erasure as order-service carries it out, over real PostgreSQL, Redis, ClickHouse and Kafka: their
 * address leaves the events (key shredded), the order views, the stored responses, and their id the analytics.
 * No payment-service runs in these tests, so its part fails: the answer says to run it again, and the log says
 * what was done. The whole erasure, searched for afterwards everywhere, is the system test's (deploy/system/test).
 */
@QuarkusTest
class CustomerErasureTest {

    static final String ADDRESS_LINE = "12 St James's Square";

    @Inject
    Pool pool;
    @Inject
    EventStore store;
    @Inject
    RedisDataSource redis;
    @Inject
    StoreIdentity storeIdentity;
    @Inject
    ProjectionsConfig config;
    @Inject
    ClickHouse clickhouse;

    @Test
    void theAddressLeavesEventsViewsAndStoredResponsesAndTheCustomerTheAnalyticsAmountsStay() {
        Storefront shop = new Storefront(pool);
        UUID product = shop.product("Lamp", "20.00", "EUR");
        UUID order = UUID.fromString(shop.place(Storefront.order(product)).statusCode(201).extract().path("order_id"));
        String document = documentKey(order);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            String doc = redis.value(String.class).get(document);
            return doc != null && doc.contains(ADDRESS_LINE);
        });
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> facts(shop, "customer_id = '" + shop.customer + "'") == 1);
        assertTrue(shop.count("SELECT count(*) FROM event_store.idempotency_keys WHERE response_body::text LIKE $1",
                Tuple.of("%" + ADDRESS_LINE.replace("'", "''").substring(0, 8) + "%")) > 0, "the stored response holds the address");

        // Another shop's support naming this customer erases nothing here: every step is the caller's tenant's.
        shop.as(TestTokens.token(UUID.randomUUID(), "support-9", "support"))
                .body(new JsonObject().put("reason", "not my customer").encode())
                .post("/customers/" + shop.customer + "/erasure").then().statusCode(503);
        assertNotNull(((OrderEvent.OrderPlaced) OrderEventCodec.decode(store.load(shop.tenant, order)
                .await().atMost(Duration.ofSeconds(30)).events().get(0))).shippingAddress());
        assertTrue(redis.value(String.class).get(document).contains(ADDRESS_LINE));
        assertEquals(1, facts(shop, "customer_id = '" + shop.customer + "'"));

        String support = TestTokens.token(shop.tenant, "support-7", "support");
        shop.as(support).body(new JsonObject().put("reason", "ticket 4711: the customer asked").encode())
                .post("/customers/" + shop.customer + "/erasure").then().statusCode(503)
                .contentType("application/problem+json").body("type", endsWith("erasure-incomplete"))
                .body("detail", containsString("payment-service"));

        OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced) OrderEventCodec.decode(
                store.load(shop.tenant, order).await().atMost(Duration.ofSeconds(30)).events().get(0));
        assertNull(placed.shippingAddress(), "the key is shredded: the event reads without the address");
        assertEquals(0, new java.math.BigDecimal("40.00").compareTo(placed.totalAmount()), "the amounts stay");
        String rewritten = redis.value(String.class).get(document);
        assertNotNull(rewritten);
        assertFalse(rewritten.contains(ADDRESS_LINE), rewritten);
        assertTrue(new JsonObject(rewritten).getValue("shipping_address") == null, rewritten);
        assertEquals(0, shop.count("SELECT count(*) FROM event_store.idempotency_keys WHERE right(scope, length($1)) = $1",
                Tuple.of(shop.customer)));
        assertEquals(0, facts(shop, "customer_id = '" + shop.customer + "'"), "no row names the customer");
        assertEquals(1, facts(shop, "order_id = toUUID('" + order + "') AND event_type = 'OrderPlaced' AND amount = 40"));
        shop.as(shop.adminToken()).get("/orders/" + order).then().statusCode(200)
                .body("total_amount", is("40.00"));

        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("subject_id", shop.customer)
                .queryParam("tenant_id", shop.tenant.toString()).queryParam("activity", "erasure")
                .get("/admin/data-processing-log").then().statusCode(200)
                .body("records[0].activity", is("erasure")).body("records[0].outcome", is("failed"))
                .body("records[0].carried_out_by", is("support-7")).body("records[0].requested_by", is(shop.customer))
                .body("records[0].detail", containsString("run the erasure again"))
                .body("records[0].touched", allOf(hasKey("event-store.subject-key"), hasKey("redis.order-views"),
                        hasKey("event-store.idempotent-responses"), hasKey("clickhouse.order_facts")));
        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("tenant_id", shop.tenant.toString())
                .queryParam("action", "customer.erase").get("/admin/security-audit").then().statusCode(200)
                .body("records[0].actor", is("support-7")).body("records[0].target", is(shop.customer))
                .body("records[0].detail", containsString("ticket 4711: the customer asked"));

        // Running it again is harmless: the same places, nothing left to change.
        shop.as(support).body(new JsonObject().put("reason", "again").encode())
                .post("/customers/" + shop.customer + "/erasure").then().statusCode(503);
    }

    @Test
    void onlyStaffEraseAndTheyGiveAReason() {
        Storefront shop = new Storefront(pool);
        String body = new JsonObject().put("reason", "asked").encode();
        shop.as(shop.customerToken()).body(body).post("/customers/" + shop.customer + "/erasure").then().statusCode(403);
        shop.as(TestTokens.token(shop.tenant, "vendor-1", "vendor")).body(body).post("/customers/" + shop.customer + "/erasure")
                .then().statusCode(403);
        String support = TestTokens.token(shop.tenant, "support-7", "support");
        shop.as(support).body("{}").post("/customers/" + shop.customer + "/erasure").then().statusCode(400)
                .contentType("application/problem+json").body("field", containsString("reason"));
        shop.as(support).body(body).post("/customers/me/erasure").then().statusCode(400).body("field", is("customer_id"));
    }

    private long facts(Storefront shop, String where) {
        int serving = given().header("Authorization", "Bearer " + TestTokens.operator())
                .get("/admin/projections/" + OrderAnalytics.NAME).then().statusCode(200).extract().path("version");
        return clickhouse.select("SELECT count() AS n FROM order_facts_v" + serving + " FINAL WHERE tenant_id = toUUID('"
                        + shop.tenant + "') AND " + where)
                .await().atMost(Duration.ofSeconds(30)).get(0).getLong("n");
    }

    private String documentKey(UUID orderId) {
        int version = given().header("Authorization", "Bearer " + TestTokens.operator())
                .get("/admin/projections/" + OrderViewsProjection.NAME).then().extract().path("version");
        return ViewKeys.of(config.redis().namespace(), OrderViewsProjection.NAME,
                storeIdentity.id().await().atMost(Duration.ofSeconds(120))).version(version)
                .document(OrderViewsProjection.document(orderId));
    }
}

package io.cloudlab.order.view;

import io.cloudlab.support.testing.PrivateRedis;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.order.order.api.Storefront;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's fallback: with Redis gone, order reads are answered from PostgreSQL (the circuit opens after
 * a few failures, so they do not each wait for Redis first); when Redis is back, the projection fills it
 * again from the events and reads return to it.
 */
@QuarkusTest
@TestProfile(OrderReadsWithoutRedisTest.OwnRedis.class)
class OrderReadsWithoutRedisTest {

    /** Its own Redis, which the test stops and starts. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(PrivateRedis.class));
        }

        /** Views of their own: the private Redis starts empty, and nothing else projects into it. */
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("cloudlab.projections.redis.namespace", "private-redis");
        }
    }

    @Inject
    Pool pool;

    @Test
    void readsGoToPostgresWhileRedisIsDownAndBackToRedisAfter() {
        Storefront shop = new Storefront(pool);
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        await().atMost(Duration.ofSeconds(120)).until(() -> "redis".equals(read(shop, id).header("X-Read-Tier")));
        String fromRedis = read(shop, id).asString();

        PrivateRedis.running.stopServer();
        try {
            // The in-process tier may answer for up to its TTL (a second); then PostgreSQL does.
            await().atMost(Duration.ofSeconds(120)).until(() -> "postgres".equals(read(shop, id).header("X-Read-Tier")));
            for (int i = 0; i < 10; i++) {
                Response read = read(shop, id);
                assertEquals("postgres", read.header("X-Read-Tier"));
                assertEquals(fromRedis, read.asString());
            }
            shop.as(shop.customerToken()).get("/orders").then().statusCode(200).header("X-Read-Tier", "postgres")
                    .body("orders[0].order_id", is(id));
            // Writes do not need Redis at all.
            shop.keyed(shop.customerToken()).body("{}").post("/orders/" + id + "/cancel").then().statusCode(200);
        } finally {
            PrivateRedis.running.startServer();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response read = read(shop, id);
            return "redis".equals(read.header("X-Read-Tier")) && "cancelled".equals(read.path("status"));
        });
    }

    private static Response read(Storefront shop, String id) {
        return shop.as(shop.customerToken()).get("/orders/" + id).then().statusCode(200).extract().response();
    }
}

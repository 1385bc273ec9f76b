package io.cloudlab.inventory.product.view;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.support.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis unreachable (nothing listens on port 1): every product read still answers, from PostgreSQL, with the
 * same bodies and the same 404s, and quickly: once the breaker is open, no read waits for Redis at all (the
 * breaker's own counts say so, not a stopwatch).
 */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest extends InventoryTestBase {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No expiry job: this app starts for one test, and a run of the job during its shutdown fails loudly.
            // Once open, the breaker stays open for the rest of the test: no trial call goes to Redis meanwhile,
            // however slowly the test runs.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.scheduler.enabled", "false",
                    BREAKER + "/CircuitBreaker/delay", "3600000");
        }
    }

    static final String BREAKER = "io.cloudlab.readmodels.redis.RedisCircuit/call";

    @Inject
    MeterRegistry registry;

    @Test
    void productReadsAnswerFromPostgresWhileRedisIsDown() {
        UUID id = create(vendor(), "Offline lamp", "Works without Redis", "8.40", 5);
        keyed(admin()).body(reservation(UUID.randomUUID(), id, 2)).when().post("/reservations").then().statusCode(201);
        String token = keyed(vendor()).body(Map.of("quantity", 3)).when().post("/products/" + id + "/restock")
                .then().statusCode(200).extract().header(ProductVersion.HEADER);

        for (int i = 0; i < 5; i++) {
            as(customer()).get("/products/" + id).then().statusCode(200).header("X-Read-Tier", "postgres")
                    .body("name", is("Offline lamp")).body("price", is("8.40")).body("version", is(3));
            as(customer()).header(ProductVersion.HEADER, token).get("/products/" + id + "/stock").then().statusCode(200)
                    .header("X-Read-Tier", "postgres").body("available", is(6)).body("reserved", is(2));
        }
        // The breaker is open now: reads go straight to PostgreSQL, none of them to Redis.
        assertTrue(breaker("ft.circuitbreaker.opened.total", null) >= 1, "the breaker opened");
        double triedRedis = breakerCalls("success") + breakerCalls("failure");
        double refused = breakerCalls("circuitBreakerOpen");
        for (int i = 0; i < 20; i++) {
            as(customer()).get("/products/" + id + "/stock").then().statusCode(200).header("X-Read-Tier", "postgres");
        }
        assertEquals(triedRedis, breakerCalls("success") + breakerCalls("failure"), "no read waited for Redis");
        assertTrue(breakerCalls("circuitBreakerOpen") - refused >= 20, "each read was turned away by the open breaker");

        String stranger = TestTokens.token(UUID.randomUUID(), customerId, "customer");
        for (String path : List.of("/products/" + id, "/products/" + id + "/stock", "/products/" + UUID.randomUUID())) {
            (path.endsWith(id.toString()) || path.endsWith("/stock") ? as(stranger) : as(customer())).get(path)
                    .then().statusCode(404).contentType("application/problem+json").body("type", endsWith("/not-found"));
        }
    }

    /** Calls through the Redis breaker so far, by how the breaker treated them. */
    private double breakerCalls(String result) {
        return breaker("ft.circuitbreaker.calls.total", result);
    }

    private double breaker(String metric, String result) {
        var search = registry.find(metric).tag("method", "io.cloudlab.readmodels.redis.RedisCircuit.call");
        if (result != null) search = search.tag("circuitBreakerResult", result);
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}

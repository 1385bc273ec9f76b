package io.cloudlab.order.admission;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.order.order.api.Storefront;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Past the limit of late orders, POST /orders answers 503 with Retry-After and writes nothing. Here every pending
 * order is late at once (late-after 0 s in the test profile).
 */
@QuarkusTest
class OrderAdmissionTest {

    /** The limit, lowered for this test only (QuarkusMock scopes it to the test method). */
    static final class Limit extends AdmissionLimit {
        volatile int max;

        @Override
        public int maxLate() {
            return max;
        }
    }

    @Inject
    Pool pool;

    @Test
    void pastTheLimitANewOrderIsRefusedWithNothingWrittenAndItsKeyPlacesItOnceTheLoadIsGone() {
        Storefront shop = new Storefront(pool);
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        String body = Storefront.order(keyboard).encode();
        Limit limit = new Limit();
        limit.max = 1;
        QuarkusMock.installMockForType(limit, AdmissionLimit.class);

        // No orchestrator runs beside this module's tests: every order placed stays pending, and is late at
        // once here. Once the count (taken at most every 0.1 s here) includes one, the next order is refused.
        await().atMost(Duration.ofSeconds(120)).until(() -> shop.keyed(shop.customerToken()).body(body).post("/orders")
                .statusCode() == 503);
        long placed = orders(shop);
        String key = UUID.randomUUID().toString();
        shop.as(shop.customerToken()).header("Idempotency-Key", key).body(body).post("/orders").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("status", is(503))
                .body("type", containsString("too-many-orders-in-flight"))
                .body("detail", containsString("at most 1"));
        assertEquals(placed, orders(shop), "a refused order writes nothing");

        limit.max = Integer.MAX_VALUE;
        shop.as(shop.customerToken()).header("Idempotency-Key", key).body(body).post("/orders").then()
                .statusCode(201).header("Idempotency-Replayed", nullValue());
        assertEquals(placed + 1, orders(shop), "the refused request's key was never claimed: its retry places the order");
    }

    private static long orders(Storefront shop) {
        return shop.count("SELECT count(*) FROM orders.order_summaries", Tuple.tuple());
    }
}

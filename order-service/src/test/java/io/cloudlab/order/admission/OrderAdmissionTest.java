package io.cloudlab.order.admission;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.support.testing.SkippingClock;
import io.cloudlab.support.time.MonotonicClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Past the limit of late orders, POST /orders answers 503 with Retry-After and writes nothing. Here every pending
 * order is late at once (late-after 0 s in the test profile).
 */
@QuarkusTest
class OrderAdmissionTest {

    /** The limits, lowered for this test only (QuarkusMock scopes them to the test method). */
    static final class Limit extends AdmissionLimit {
        volatile int max;
        volatile int perTenant = Integer.MAX_VALUE;

        @Override
        public int maxLate() {
            return max;
        }

        @Override
        public int maxLatePerTenant() {
            return perTenant;
        }
    }

    @Inject
    Pool pool;

    @Inject
    AdmissionConfig config;

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

    @Test
    void aCountTakenDuringAnOverloadThatHasSinceDrainedRefusesNothing() {
        Storefront shop = new Storefront(pool);
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        String body = Storefront.order(keyboard).encode();
        SkippingClock clock = new SkippingClock();
        QuarkusMock.installMockForType(clock, MonotonicClock.class);
        Limit limit = new Limit();
        limit.max = (int) lateNow(shop) + 1; // other tests' pending orders count too: one more than they make
        QuarkusMock.installMockForType(limit, AdmissionLimit.class);

        // The overload: orders are placed until the count holds one too many and the next is refused.
        List<String> accepted = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            var answer = shop.keyed(shop.customerToken()).body(body).post("/orders");
            if (answer.statusCode() == 201) accepted.add(answer.header("Location"));
            return answer.statusCode() == 503;
        });
        // It drains: every order it left pending ends (cancelled here), and nothing is placed for a while.
        for (String order : accepted) {
            shop.keyed(shop.customerToken()).body("{}").post(order + "/cancel").then().statusCode(200);
        }
        clock.skip(config.trustFor().plusSeconds(1));

        // The first order after the quiet spell is judged by the present, not by the count from the overload.
        shop.keyed(shop.customerToken()).body(body).post("/orders").then().statusCode(201);
    }

    @Test
    void aShopPastItsOwnLimitIsRefusedWhileAnotherShopStillPlacesOrdersUntilThePlatformIsPastItsLimit() {
        Storefront hot = new Storefront(pool);
        Storefront calm = new Storefront(pool);
        String hotOrder = Storefront.order(hot.product("Limited sneaker", "149.00", "EUR")).encode();
        String calmOrder = Storefront.order(calm.product("Keyboard", "49.95", "EUR")).encode();
        Limit limit = new Limit();
        limit.max = Integer.MAX_VALUE;
        limit.perTenant = 1;
        QuarkusMock.installMockForType(limit, AdmissionLimit.class);

        // The flash sale: the hot shop's orders stay pending (no orchestrator here) and are late at once.
        await().atMost(Duration.ofSeconds(120)).until(() -> hot.keyed(hot.customerToken()).body(hotOrder).post("/orders")
                .statusCode() == 503);
        hot.keyed(hot.customerToken()).body(hotOrder).post("/orders").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "2")
                .body("type", containsString("too-many-orders-in-flight"))
                .body("detail", containsString("of this shop's orders")).body("detail", containsString("at most 1"));
        // Another shop is not refused for it.
        calm.keyed(calm.customerToken()).body(calmOrder).post("/orders").then().statusCode(201);

        // Past the platform's own limit, every shop is refused, whatever its own count.
        limit.perTenant = Integer.MAX_VALUE;
        limit.max = 1;
        await().atMost(Duration.ofSeconds(120)).until(() -> calm.keyed(calm.customerToken()).body(calmOrder).post("/orders")
                .statusCode() == 503);
        calm.keyed(calm.customerToken()).body(calmOrder).post("/orders").then().statusCode(503)
                .body("detail", containsString("orders being carried out"));
    }

    private static long lateNow(Storefront shop) {
        return shop.count("SELECT coalesce(sum(late), 0) FROM orders.orders_in_flight_by_tenant(300, 0)", Tuple.tuple());
    }

    private static long orders(Storefront shop) {
        return shop.count("SELECT count(*) FROM orders.order_summaries", Tuple.tuple());
    }
}

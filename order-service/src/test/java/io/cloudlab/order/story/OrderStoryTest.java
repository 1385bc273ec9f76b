package io.cloudlab.order.story;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An order's story for the operator console: found by id or number, whose it may be, and the address withheld from operators. */
@QuarkusTest
class OrderStoryTest {

    @Inject
    Pool pool;

    @Test
    void theShopsStaffSeeTheirOrderWholeAPlatformOperatorAnyOrderWithoutTheAddress() {
        Storefront shop = new Storefront(pool);
        UUID product = shop.product("Kettle", "30.00", "EUR");
        String orderId = shop.place(Storefront.order(product)).statusCode(201).extract().path("order_id");
        String number = shop.as(shop.customerToken()).get("/orders/" + orderId).then().statusCode(200).extract().path("order_number");
        await().atMost(Duration.ofSeconds(120)).until(() -> shop.as(shop.adminToken()).get("/admin/orders/" + orderId)
                .then().extract().path("read_models.redis_document") != null);

        // The relay's record of OrderPlaced on Kafka: its topic, partition and offset.
        await().atMost(Duration.ofSeconds(120)).until(() -> shop.as(shop.adminToken()).get("/admin/orders/" + orderId)
                .then().extract().path("events[0].kafka.offset") != null);
        shop.as(shop.adminToken()).get("/admin/orders/" + orderId).then().statusCode(200)
                .body("events[0].kafka.topic", is(io.cloudlab.support.testing.TestTopics.of("cloudlab.order.events")))
                .body("events[0].kafka.partition", org.hamcrest.Matchers.greaterThanOrEqualTo(0));

        shop.as(TestTokens.token(shop.tenant, "support-1", "support")).get("/admin/orders/" + number).then().statusCode(200)
                .body("order_id", is(orderId)).body("order_number", is(number)).body("tenant_id", is(shop.tenant.toString()))
                .body("events.event_type", hasItem("OrderPlaced")).body("events[0].version", is(1))
                .body("events[0].data.shipping_address.recipient", is("Ada Lovelace"))
                .body("read_models.redis_document.order_id", is(orderId));

        given().header("Authorization", "Bearer " + TestTokens.operator()).get("/admin/orders/" + number).then().statusCode(200)
                .body("tenant_id", is(shop.tenant.toString()))
                .body("events[0].data.shipping_address", is(OrderStory.WITHHELD))
                .body("read_models.redis_document.shipping_address", is(OrderStory.WITHHELD))
                .body(not(containsString("Lovelace")));
        given().header("Authorization", "Bearer " + TestTokens.operator()).get("/admin/orders/" + orderId).then().statusCode(200)
                .body("order_number", is(number));
    }

    @Test
    void anotherShopsStaffAndCustomersFindNothing() {
        Storefront shop = new Storefront(pool);
        UUID product = shop.product("Toaster", "25.00", "EUR");
        String orderId = shop.place(Storefront.order(product)).statusCode(201).extract().path("order_id");
        shop.as(TestTokens.token(UUID.randomUUID(), "admin-9", "admin")).get("/admin/orders/" + orderId).then().statusCode(404);
        shop.as(shop.customerToken()).get("/admin/orders/" + orderId).then().statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.operator()).get("/admin/orders/ORD-19990101-00000000")
                .then().statusCode(404).contentType("application/problem+json");
    }
}

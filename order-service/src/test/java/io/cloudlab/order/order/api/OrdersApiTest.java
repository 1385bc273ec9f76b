package io.cloudlab.order.order.api;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storefront's order API and the fulfilment endpoints, against the real database and Kafka. */
@QuarkusTest
class OrdersApiTest {

    @Inject
    Pool pool;

    Storefront shop;
    UUID keyboard;
    UUID mouse;

    @BeforeEach
    void catalogue() {
        shop = new Storefront(pool);
        keyboard = shop.product("Keyboard", "49.95", "EUR");
        mouse = shop.product("Mouse", "19.99", "EUR");
    }

    @Test
    void placingPricesTheLinesFromTheCatalogueAndStartsPendingPayment() {
        Response placed = shop.place(Storefront.order(keyboard, mouse)).statusCode(201)
                .header("Location", containsString("/orders/"))
                .body("status", is("pending_payment"))
                .body("total_amount", is("139.88"))
                .body("lines[0].unit_price", is("49.95"))
                .body("lines[0].line_total", is("99.90"))
                .body("lines[1].product_name", is("Mouse"))
                .body("order_number", org.hamcrest.Matchers.matchesPattern("ORD-\\d{8}-\\d{8}"))
                .body("customer_id", is(shop.customer))
                .body("timeline[0].event", is("OrderPlaced"))
                .extract().response();
        String id = placed.path("order_id");
        shop.as(shop.customerToken()).get("/orders/" + id).then().statusCode(200)
                .body("shipping_address.recipient", is("Ada Lovelace")).body("version", is(1));
    }

    @Test
    void theClientCannotSetAPrice() {
        JsonObject withPrice = Storefront.order(keyboard);
        withPrice.getJsonArray("items").getJsonObject(0).put("unit_price", "0.01");
        shop.place(withPrice).statusCode(400).contentType("application/problem+json")
                .body("field", is("items[0].unit_price"));
        assertEquals(0, shop.orders());
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstOrderAndAnotherBodyWithItIsRefused() {
        String key = UUID.randomUUID().toString();
        String first = shop.as(shop.customerToken()).header("Idempotency-Key", key)
                .body(Storefront.order(keyboard).encode()).post("/orders")
                .then().statusCode(201).extract().path("order_id");
        shop.as(shop.customerToken()).header("Idempotency-Key", key).body(Storefront.order(keyboard).encode())
                .post("/orders").then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("order_id", is(first));
        shop.as(shop.customerToken()).header("Idempotency-Key", key).body(Storefront.order(mouse).encode())
                .post("/orders").then().statusCode(422).body("field", is("Idempotency-Key"));
        assertEquals(1, shop.orders(), "one order for one key");
    }

    @Test
    void aCommandWithoutIdempotencyKeyIsRefused() {
        shop.as(shop.customerToken()).body(Storefront.order(keyboard).encode()).post("/orders")
                .then().statusCode(400).body("field", is("Idempotency-Key"));
        assertEquals(0, shop.orders());
    }

    @Test
    void aCustomerSeesOnlyItsOwnOrdersAndStaffSeeAll() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        shop.as(shop.otherCustomerToken()).get("/orders/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        shop.as(shop.adminToken()).get("/orders/" + id).then().statusCode(200);
        shop.as(io.cloudlab.support.testing.TestTokens.token(UUID.randomUUID(), shop.customer, "customer"))
                .get("/orders/" + id).then().statusCode(404);
        shop.as(shop.otherCustomerToken()).get("/orders").then().statusCode(200).body("orders", hasSize(0));
    }

    @Test
    void theOrderListPagesNewestFirstWithACursor() {
        List<String> placed = new ArrayList<>();
        String lastWrite = null;
        for (int i = 0; i < 5; i++) {
            Response order = shop.place(Storefront.order(keyboard)).statusCode(201).extract().response();
            placed.add(order.path("order_id"));
            lastWrite = order.header("X-Consistency-Token");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            // The list is a read model: the first page names the last write it must include.
            var request = shop.as(shop.customerToken()).queryParam("limit", 2).header("X-Consistency-Token", lastWrite);
            if (cursor != null) request.queryParam("cursor", cursor);
            Response page = request.get("/orders").then().statusCode(200).extract().response();
            seen.addAll(page.path("orders.order_id"));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        List<String> newestFirst = new ArrayList<>(placed);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        shop.as(shop.customerToken()).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/orders").then().statusCode(400)
                .body("field", is("cursor"));
        shop.as(shop.customerToken()).queryParam("limit", 1000).get("/orders").then().statusCode(400);
    }

    @Test
    void anOrderGoesThroughFulfilmentAndCannotBeCancelledOnceShipped() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        String admin = shop.adminToken();
        shop.keyed(admin).body(new JsonObject().put("payment_id", UUID.randomUUID().toString()).put("amount", "99.90").encode())
                .post("/orders/" + id + "/confirm-payment").then().statusCode(200).body("status", is("paid"));
        shop.keyed(admin).post("/orders/" + id + "/start-processing").then().statusCode(200).body("status", is("processing"));
        shop.keyed(admin).body("{\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\"}").post("/orders/" + id + "/ship")
                .then().statusCode(200).body("status", is("shipped"));
        shop.keyed(shop.customerToken()).body("{}").post("/orders/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("detail", is("an order that is shipped cannot be cancelled"));
        shop.keyed(admin).post("/orders/" + id + "/deliver").then().statusCode(200).body("status", is("delivered"))
                .body("timeline", hasSize(5));
        assertEquals(1, shop.count("SELECT count(*) FROM orders.order_summaries WHERE status = 'delivered'",
                io.vertx.mutiny.sqlclient.Tuple.tuple()));
    }

    @Test
    void aCustomerCannotUseStaffEndpoints() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        shop.keyed(shop.customerToken()).body("{\"carrier\":\"DHL\",\"tracking_number\":\"1\"}")
                .post("/orders/" + id + "/ship").then().statusCode(403).contentType("application/problem+json");
        shop.keyed(shop.adminToken()).body(Storefront.order(keyboard).encode()).post("/orders").then().statusCode(403);
    }

    @Test
    void cancelAndPaymentRacingOnOneOrderOneWinsTheOtherFollowsOrIsRefused() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
            String admin = shop.adminToken();
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Integer> cancel = CompletableFuture.supplyAsync(() -> {
                await(start);
                return shop.keyed(shop.customerToken()).body("{\"reason\":\"changed my mind\"}")
                        .post("/orders/" + id + "/cancel").statusCode();
            });
            CompletableFuture<Integer> pay = CompletableFuture.supplyAsync(() -> {
                await(start);
                return shop.keyed(admin).body(new JsonObject().put("payment_id", UUID.randomUUID().toString())
                        .put("amount", "99.90").encode()).post("/orders/" + id + "/confirm-payment").statusCode();
            });
            start.countDown();
            String after = id + (cancel.get() == 202 ? ":3" : ":2");
            String status = shop.as(admin).queryParam("after", after).get("/orders/" + id).then().extract().path("status");
            int version = shop.as(admin).queryParam("after", after).get("/orders/" + id).then().extract().path("version");
            if (cancel.get() == 200) {
                // Cancelled before it was paid: the payment is refused.
                assertEquals(List.of(409, "cancelled", 2), List.of(pay.get(), status, version), "round " + round);
            } else {
                // Paid first: the cancel lost the race (409), or came after and asked for the cancellation saga (202).
                assertEquals(200, pay.get(), "round " + round);
                assertEquals("paid", status);
                assertEquals(cancel.get() == 202 ? 3 : 2, version, "round " + round + ": cancel answered " + cancel.get());
                assertTrue(Set.of(202, 409).contains(cancel.get()), "round " + round + ": cancel answered " + cancel.get());
            }
        }
    }

    @Test
    void aPaidOrderCancelledByItsCustomerIsAcceptedForItsCancellationSaga() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        shop.keyed(shop.adminToken()).body(new JsonObject().put("payment_id", UUID.randomUUID().toString())
                .put("amount", "99.90").encode()).post("/orders/" + id + "/confirm-payment").then().statusCode(200);
        String key = UUID.randomUUID().toString();
        String saga = shop.as(shop.customerToken()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"reason\":\"changed my mind\"}").post("/orders/" + id + "/cancel").then().statusCode(202)
                .body("status", is("paid")).body("cancellation.status", is("under_way"))
                .body("cancellation.reason", is("changed my mind")).body("paid_amount", is("99.90"))
                .extract().path("cancellation.saga_id");
        // The same request again answers the same; another one changes nothing: one cancellation, one saga.
        shop.as(shop.customerToken()).header("Idempotency-Key", key).contentType("application/json")
                .body("{\"reason\":\"changed my mind\"}").post("/orders/" + id + "/cancel").then().statusCode(202)
                .body("cancellation.saga_id", is(saga));
        shop.keyed(shop.customerToken()).body("{}").post("/orders/" + id + "/cancel").then().statusCode(202)
                .body("cancellation.saga_id", is(saga)).body("version", is(3));
        // While it is cancelled, it is not shipped.
        shop.keyed(shop.adminToken()).post("/orders/" + id + "/start-processing").then().statusCode(409)
                .body("detail", is("an order that is being cancelled cannot be processed"));
        assertEquals(1, shop.count("SELECT count(*) FROM event_store.events WHERE aggregate_id = $1"
                + " AND event_type = 'OrderCancellationRequested' AND event_data->>'cancellation_id' = $2",
                io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(id), saga)));
    }

    @Test
    void staffRefundsAreAcceptedForTheRefundSagaAndAnOverRefundIsRefused() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        String admin = shop.adminToken();
        shop.keyed(admin).body(new JsonObject().put("payment_id", UUID.randomUUID().toString())
                .put("amount", "99.90").encode()).post("/orders/" + id + "/confirm-payment").then().statusCode(200);
        shop.keyed(admin).body("{\"amount\":\"60.00\",\"reason\":\"scratched\",\"restock\":true}")
                .post("/orders/" + id + "/refund").then().statusCode(202)
                .body("refunds_under_way[0].amount", is("60.00")).body("refunds_under_way[0].restock", is(true))
                .body("refunded_amount", is("0.00"));
        // What is under way counts: 39.90 may still be refunded, not 40.00.
        shop.keyed(admin).body("{\"amount\":\"40.00\",\"reason\":\"more\"}").post("/orders/" + id + "/refund")
                .then().statusCode(409).contentType("application/problem+json").body("field", is("amount"))
                .body("detail", is("more than may still be refunded (39.90)"));
        shop.keyed(admin).body("{\"amount\":\"0.00\",\"reason\":\"nothing\"}").post("/orders/" + id + "/refund")
                .then().statusCode(422).body("field", is("amount"));
        shop.keyed(shop.customerToken()).body("{\"reason\":\"me\"}").post("/orders/" + id + "/refund").then().statusCode(403);
        assertEquals(1, shop.count("SELECT count(*) FROM event_store.events WHERE aggregate_id = $1"
                + " AND event_type LIKE 'OrderRefund%'", io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(id))));
    }

    @Test
    void aRetiredOrUnknownProductOrAnotherCurrencyIsRefusedNamingTheField() {
        shop.publish(mouse, 2, "ProductRetired", new JsonObject());
        shop.awaitCatalogue(mouse, 2);
        shop.place(Storefront.order(keyboard, mouse)).statusCode(422).body("field", is("items[1].product_id"))
                .body("detail", is("is no longer sold"));
        shop.place(Storefront.order(UUID.randomUUID())).statusCode(422).body("field", is("items[0].product_id"));
        shop.place(Storefront.order(keyboard).put("currency", "USD")).statusCode(422).body("field", is("currency"));
        assertEquals(0, shop.orders());
    }

    @Test
    void stockMovementsOnTheProductTopicCostTheCatalogueNoTransaction() {
        UUID reserved = shop.publish(keyboard, 2, "StockReserved", new JsonObject().put("order_id", UUID.randomUUID().toString())
                .put("quantity", 1));
        UUID repriced = shop.publish(keyboard, 3, "ProductRepriced", new JsonObject().put("price", "44.95")
                .put("previous_price", "49.95").put("currency", "EUR"));
        shop.awaitCatalogue(keyboard, 3); // same key, same partition: the stock movement was consumed first
        assertEquals(0, inbox(reserved), "a stock movement is passed over without a transaction");
        assertEquals(1, inbox(repriced), "an event the catalogue reads is applied once, by its inbox row");
        shop.place(Storefront.order(keyboard)).statusCode(201).body("total_amount", is("89.90"));
    }

    private long inbox(UUID eventId) {
        return shop.count("SELECT count(*) FROM event_store.processed_messages WHERE consumer_name = $1 AND message_id = $2",
                io.vertx.mutiny.sqlclient.Tuple.of("order-service.catalogue", eventId));
    }

    @Test
    void aRepriceChangesTheNextOrderNotThePlacedOne() {
        String before = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        shop.publish(keyboard, 2, "ProductRepriced", new JsonObject().put("price", "39.95").put("previous_price", "49.95")
                .put("currency", "EUR"));
        shop.awaitCatalogue(keyboard, 2);
        // A late, older event must not undo the newer price.
        shop.publish(keyboard, 1, "ProductRepriced", new JsonObject().put("price", "1.00").put("currency", "EUR"));
        shop.place(Storefront.order(keyboard)).statusCode(201).body("total_amount", is("79.90"));
        shop.as(shop.customerToken()).get("/orders/" + before).then().body("total_amount", is("99.90"));
    }

    @Test
    void theStoredOrderHoldsTheAddressOnlyEncrypted() {
        String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
        String stored = io.cloudlab.support.tenant.TenantTransactions.inTenant(pool, shop.tenant, tx -> tx
                        .preparedQuery("SELECT event_data::text AS d FROM event_store.events WHERE aggregate_id = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(id)))
                        .map(rows -> rows.iterator().next().getString("d")))
                .await().indefinitely();
        assertTrue(stored.contains("$pii"), stored);
        assertTrue(!stored.contains("Lovelace") && !stored.contains("James"), "no clear address in the event: " + stored);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

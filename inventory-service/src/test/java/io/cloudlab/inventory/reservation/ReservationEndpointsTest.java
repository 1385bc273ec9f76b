package io.cloudlab.inventory.reservation;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.inventory.reservation.store.ReservationExpiry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReservationEndpointsTest extends InventoryTestBase {

    @Inject
    EventStore store;

    @Inject
    ReservationExpiry expiry;

    @Test
    void twoHundredConcurrentReservationsOfOneUnitShareFiftyUnitsExactly() throws Exception {
        UUID product = create("Hot item", 50);
        String token = admin();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/reservations");
        ExecutorService threads = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String body = "{\"order_id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"product_id\":\"" + product
                        + "\",\"quantity\":1}]}";
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(threads.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 201) created++;
                else if (response.statusCode() == 409 && response.body().contains("insufficient-stock")
                        && response.body().contains("lines[0].product_id")) refused++;
                else throw new AssertionError("unexpected answer " + response.statusCode() + " " + response.body());
            }
            assertEquals(50, created);
            assertEquals(150, refused);
        } finally {
            threads.shutdownNow();
        }
        assertArrayEquals(new int[] {0, 50}, stock(product));
        assertEquals(50, count("SELECT count(*) FROM inventory.reservations WHERE product_id = '" + product + "'"));
        List<RecordedEvent> events = store.load(tenant, product).await().atMost(Duration.ofSeconds(120)).events();
        assertEquals(51, events.size(), "ProductCreated and one StockReserved per success");
        // The levels the events announce count down one by one: never two reservations of the same unit.
        for (int i = 1; i <= 50; i++) {
            assertEquals(50 - i, events.get(i).data().getInteger("available"));
            assertEquals(i, events.get(i).data().getInteger("reserved"));
        }
    }

    @Test
    void aMultiLineReservationWhoseLastLineLacksStockReservesNothing() {
        UUID a = create("Line A", 5);
        UUID b = create("Line B", 5);
        UUID c = create("Line C", 1);
        Map<String, Long> before = footprint();

        keyed(admin()).body(reservation(UUID.randomUUID(), a, 2, b, 3, c, 2)).when().post("/reservations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/insufficient-stock"))
                .body("field", is("lines[2].product_id"));

        assertEquals(before, footprint());
        assertArrayEquals(new int[] {5, 0}, stock(a));
        assertArrayEquals(new int[] {5, 0}, stock(b));
        assertArrayEquals(new int[] {1, 0}, stock(c));
    }

    @Test
    void reservingAllLinesAnswers201AndARetryWithTheSameKeyReservesOnce() {
        UUID a = create("Pair A", 5);
        UUID b = create("Pair B", 5);
        UUID order = UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        as(admin()).header("Idempotency-Key", key).body(reservation(order, b, 1, a, 2)).when().post("/reservations")
                .then().statusCode(201)
                .header("Location", endsWith("/reservations/" + order))
                .body("order_id", is(order.toString())).body("status", is("active"))
                .body("lines[0].product_id", is(b.toString())).body("lines[1].quantity", is(2));
        as(admin()).header("Idempotency-Key", key).body(reservation(order, b, 1, a, 2)).when().post("/reservations")
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/reservations/" + order));

        assertArrayEquals(new int[] {3, 2}, stock(a));
        assertArrayEquals(new int[] {4, 1}, stock(b));
        // Another request for the same order (another key) does not add to its hold.
        keyed(admin()).body(reservation(order, a, 1)).when().post("/reservations")
                .then().statusCode(409).body("type", endsWith("/reservation-exists"));
        assertArrayEquals(new int[] {3, 2}, stock(a));

        RecordedEvent reserved = store.load(tenant, a).await().atMost(Duration.ofSeconds(120)).events().get(1);
        assertEquals("StockReserved", reserved.eventType());
        assertEquals(order.toString(), reserved.data().getString("order_id"));
        assertEquals(2, reserved.data().getInteger("quantity"));
        assertEquals(3, reserved.data().getInteger("available"));
        assertEquals(2, reserved.data().getInteger("reserved"));
        assertEquals(order.toString(), reserved.correlationId());
        as(admin()).when().get("/reservations/" + order).then().statusCode(200)
                .body("expires_at", is(reserved.data().getString("expires_at")));
    }

    @Test
    void releaseGivesTheUnitsBackOnceAndRepeatingItChangesNothing() {
        UUID a = create("Release me", 4);
        UUID order = reserve(a, 3);

        as(admin()).when().post("/reservations/" + order + "/release")
                .then().statusCode(200).body("status", is("released"));
        Map<String, Long> after = footprint();
        as(admin()).when().post("/reservations/" + order + "/release")
                .then().statusCode(200).body("status", is("released"));

        assertEquals(after, footprint());
        assertArrayEquals(new int[] {4, 0}, stock(a));
        RecordedEvent released = last(a);
        assertEquals("StockReleased", released.eventType());
        assertEquals("released", released.data().getString("reason"));
        assertEquals(4, released.data().getInteger("available"));
        // Once given back, it cannot be sold.
        as(admin()).when().post("/reservations/" + order + "/commit")
                .then().statusCode(409).contentType("application/problem+json").body("type", endsWith("/reservation-released"));
        assertEquals(after, footprint());
    }

    @Test
    void commitTakesTheUnitsOutOfTheStockOnceAndRepeatingItChangesNothing() {
        UUID a = create("Commit me", 4);
        UUID order = reserve(a, 3);

        as(admin()).when().post("/reservations/" + order + "/commit")
                .then().statusCode(200).body("status", is("committed"));
        Map<String, Long> after = footprint();
        as(admin()).when().post("/reservations/" + order + "/commit")
                .then().statusCode(200).body("status", is("committed"));

        assertEquals(after, footprint());
        assertArrayEquals(new int[] {1, 0}, stock(a));
        assertEquals(Map.of("order_id", order.toString(), "quantity", 3, "reserved", 0), last(a).data().getMap());
        as(admin()).when().post("/reservations/" + order + "/release")
                .then().statusCode(409).body("type", endsWith("/reservation-committed"));
        assertArrayEquals(new int[] {1, 0}, stock(a));
    }

    @Test
    void theExpiryJobGivesBackWhatWasNotCommittedInTimeOnceEvenWhenTwoInstancesRunIt() {
        UUID a = create("Expire me", 6);
        UUID order = reserve(a, 4);
        UUID kept = reserve(a, 1);
        execute("UPDATE inventory.reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1",
                Tuple.of(order));

        // Two instances' jobs at the same moment: SKIP LOCKED lets one of them (or the scheduled run) do it.
        Uni.join().all(expiry.releaseDue(), expiry.releaseDue()).andCollectFailures()
                .await().atMost(Duration.ofSeconds(120));

        as(admin()).when().get("/reservations/" + order).then().statusCode(200).body("status", is("expired"));
        as(admin()).when().get("/reservations/" + kept).then().statusCode(200).body("status", is("active"));
        assertArrayEquals(new int[] {5, 1}, stock(a));
        List<RecordedEvent> released = store.load(tenant, a).await().atMost(Duration.ofSeconds(120)).events().stream()
                .filter(e -> e.eventType().equals("StockReleased")).toList();
        assertEquals(1, released.size(), "expired once");
        assertEquals("expired", released.get(0).data().getString("reason"));
        // An expired reservation can no longer be sold; releasing it again is harmless.
        as(admin()).when().post("/reservations/" + order + "/commit").then().statusCode(409)
                .body("type", endsWith("/reservation-expired"));
        as(admin()).when().post("/reservations/" + order + "/release").then().statusCode(200).body("status", is("expired"));
        assertArrayEquals(new int[] {5, 1}, stock(a));
    }

    @Test
    void unknownAndRetiredProductsAreUnprocessableAndNothingIsReserved() {
        UUID a = create("Still here", 5);
        UUID retired = create("Gone", 5);
        keyed(vendor()).when().post("/products/" + retired + "/retire").then().statusCode(200);
        Map<String, Long> before = footprint();

        keyed(admin()).body(reservation(UUID.randomUUID(), a, 1, UUID.randomUUID(), 1)).when().post("/reservations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/unknown-product")).body("field", is("lines[1].product_id"));
        keyed(admin()).body(reservation(UUID.randomUUID(), a, 1, retired, 1)).when().post("/reservations")
                .then().statusCode(422).body("type", endsWith("/product-retired")).body("field", is("lines[1].product_id"));

        assertEquals(before, footprint());
        assertArrayEquals(new int[] {5, 0}, stock(a));
    }

    @Test
    void onlyAdminsReserveAndUnknownOrdersAreNotFound() {
        UUID a = create("Staff only", 5);
        keyed(vendor()).body(reservation(UUID.randomUUID(), a, 1)).when().post("/reservations")
                .then().statusCode(403).contentType("application/problem+json");
        keyed(customer()).when().post("/reservations/" + UUID.randomUUID() + "/release").then().statusCode(403);
        as(customer()).when().get("/reservations/" + UUID.randomUUID()).then().statusCode(403);
        as(admin()).when().post("/reservations/" + UUID.randomUUID() + "/release")
                .then().statusCode(404).contentType("application/problem+json").body("type", endsWith("/not-found"));
        as(admin()).when().get("/reservations/" + UUID.randomUUID()).then().statusCode(404);
        assertArrayEquals(new int[] {5, 0}, stock(a));
    }

    private UUID reserve(UUID product, int quantity) {
        UUID order = UUID.randomUUID();
        keyed(admin()).body(reservation(order, product, quantity)).when().post("/reservations").then().statusCode(201);
        return order;
    }

    private RecordedEvent last(UUID product) {
        List<RecordedEvent> events = store.load(tenant, product).await().atMost(Duration.ofSeconds(120)).events();
        return events.get(events.size() - 1);
    }

}

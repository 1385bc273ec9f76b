package io.cloudlab.inventory.product;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.LoadedStream;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductEndpointsTest extends InventoryTestBase {

    @Inject
    EventStore store;

    @Test
    void createAnswers201WithLocationAndTheProductThenGetReadsItBack() {
        Response created = keyed(vendor()).body(product("Walnut desk", "Solid walnut top", "249.5", 7))
                .when().post("/products");

        created.then().statusCode(201)
                .header("Location", endsWith("/products/" + created.path("product_id")))
                .body("name", is("Walnut desk"))
                .body("description", is("Solid walnut top"))
                .body("price", is("249.50"))
                .body("currency", is("EUR"))
                .body("status", is("active"))
                .body("vendor_id", is(vendorId))
                .body("version", is(1));
        String id = created.path("product_id");

        as(customer()).when().get("/products/" + id)
                .then().statusCode(200).body("product_id", is(id)).body("price", is("249.50"));
        as(customer()).when().get("/products/" + id + "/stock")
                .then().statusCode(200).body("available", is(7)).body("reserved", is(0));

        LoadedStream stream = load(UUID.fromString(id));
        assertEquals("Product", stream.aggregateType());
        assertEquals(1, stream.version());
        RecordedEvent event = stream.events().get(0);
        assertEquals("ProductCreated", event.eventType());
        assertEquals(Map.of("vendor_id", vendorId, "name", "Walnut desk", "description", "Solid walnut top",
                "price", "249.50", "currency", "EUR", "initial_stock", 7), event.data().getMap());
        assertEquals(1, single("SELECT version FROM inventory.products WHERE product_id = $1",
                Tuple.of(UUID.fromString(id))).getInteger(0));
    }

    @Test
    void aRetriedCreateWithTheSameKeyAnswersTheSameProductAndCreatesOne() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = product("Retry lamp", "", "12.00", 3);
        Map<String, Long> before = footprint();

        Response first = as(vendor()).header("Idempotency-Key", key).body(body).when().post("/products");
        Response second = as(vendor()).header("Idempotency-Key", key).body(body).when().post("/products");

        first.then().statusCode(201);
        second.then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/products/" + first.path("product_id")))
                .body("product_id", is((String) first.path("product_id")))
                .body("created_at", is((String) first.path("created_at")));
        Map<String, Long> after = footprint();
        assertEquals(before.get("products") + 1, after.get("products"));
        assertEquals(before.get("events") + 1, after.get("events"));

        // The same key with another body is a client bug: refused, nothing written.
        as(vendor()).header("Idempotency-Key", key).body(product("Other lamp", "", "12.00", 3))
                .when().post("/products")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused")).body("field", is("Idempotency-Key"));
        assertEquals(after, footprint());
    }

    @Test
    void browsingPagesThroughEveryActiveProductOnceNewestFirst() {
        // A tenant of its own, so that the other tests' products do not show up in this listing.
        UUID shop = UUID.randomUUID();
        String staff = TestTokens.token(shop, UUID.randomUUID().toString(), "admin");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(create(staff, "Browse item " + i, "", "1.00", 1).toString());
        String retired = created.remove(3);
        keyed(staff).when().post("/products/" + retired + "/retire").then().statusCode(200);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(TestTokens.token(shop, "shopper", "customer")).queryParam("limit", 2);
            if (cursor != null) request.queryParam("cursor", cursor);
            JsonPath page = request.when().get("/products").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.product_id");
            assertTrue(ids.size() <= 2);
            seen.addAll(ids);
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(6, seen.size());
        assertEquals(6, new HashSet<>(seen).size(), "no product twice");
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
    }

    @Test
    void searchFindsWordsOfNamesAndDescriptionsBestMatchFirstAndPagesWithoutDuplicates() {
        String word = "zorbly" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        UUID inName = create(vendor(), "Chair " + word, "plain", "5.00", 1);
        UUID inDescription = create(vendor(), "Stool", "a " + word + " for small rooms", "5.00", 1);
        UUID inBoth = create(vendor(), word + " table", "the " + word + " collection", "5.00", 1);
        create(vendor(), "Unrelated sofa", "nothing to see", "5.00", 1);

        JsonPath all = as(customer()).queryParam("q", word).queryParam("limit", 10)
                .when().get("/products").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(inBoth.toString()), all.getList("items.product_id").subList(0, 1), "best match first");
        assertEquals(new HashSet<>(List.of(inName.toString(), inDescription.toString(), inBoth.toString())),
                new HashSet<>(all.getList("items.product_id")));
        assertNull(all.get("next_cursor"));

        // Stemming: the plural finds the singular, and a word of the description alone finds its product.
        assertEquals(List.of(inDescription.toString()), as(customer()).queryParam("q", "rooms " + word)
                .when().get("/products").then().statusCode(200).extract().jsonPath().getList("items.product_id"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(customer()).queryParam("q", word).queryParam("limit", 1);
            if (cursor != null) request.queryParam("cursor", cursor);
            JsonPath page = request.when().get("/products").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.product_id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null && paged.size() < 10);
        assertEquals(all.getList("items.product_id"), paged, "same order, one page at a time");
    }

    @Test
    void repriceRestockAndRetireChangeTheProductAndAppendTheirEvents() {
        UUID id = create("Pine shelf", 5);

        keyed(vendor()).body(Map.of("price", "15.5")).when().post("/products/" + id + "/reprice")
                .then().statusCode(200).body("price", is("15.50")).body("version", is(2));
        keyed(vendor()).body(Map.of("quantity", 10)).when().post("/products/" + id + "/restock")
                .then().statusCode(200).body("version", is(3));
        keyed(admin()).body(Map.of("name", "Pine shelf large", "description", "Now larger"))
                .when().put("/products/" + id)
                .then().statusCode(200).body("name", is("Pine shelf large")).body("description", is("Now larger"));
        keyed(vendor()).when().post("/products/" + id + "/retire")
                .then().statusCode(200).body("status", is("retired")).body("version", is(5));

        assertArrayEquals(new int[] {15, 0}, stock(id));
        List<RecordedEvent> events = load(id).events();
        assertEquals(List.of("ProductCreated", "ProductRepriced", "StockRestocked", "ProductUpdated", "ProductRetired"),
                events.stream().map(RecordedEvent::eventType).toList());
        assertEquals(Map.of("price", "15.50", "previous_price", "10.00", "currency", "EUR"), events.get(1).data().getMap());
        assertEquals(Map.of("quantity", 10, "available", 15), events.get(2).data().getMap());
        assertEquals(Map.of(), events.get(4).data().getMap());

        // Retired: out of the catalogue and closed to changes; retiring again changes nothing.
        Map<String, Long> before = footprint();
        keyed(vendor()).body(Map.of("quantity", 1)).when().post("/products/" + id + "/restock")
                .then().statusCode(422).contentType("application/problem+json").body("type", endsWith("/product-retired"));
        keyed(vendor()).when().post("/products/" + id + "/retire").then().statusCode(200).body("version", is(5));
        assertEquals(before, footprint());
        as(customer()).when().get("/products/" + id).then().statusCode(200).body("status", is("retired"));
    }

    @Test
    void aVendorCannotTouchAnotherVendorsProductAndACustomerCannotCreate() {
        UUID id = create("Guarded vase", 2);
        Map<String, Long> before = footprint();

        keyed(otherVendor()).body(Map.of("price", "1.00")).when().post("/products/" + id + "/reprice")
                .then().statusCode(403).contentType("application/problem+json").body("type", endsWith("/not-your-product"));
        keyed(otherVendor()).when().post("/products/" + id + "/retire").then().statusCode(403);
        keyed(customer()).body(product("Nope", "", "1.00", 1)).when().post("/products")
                .then().statusCode(403).contentType("application/problem+json").body("type", endsWith("/forbidden"));
        keyed(customer()).body(Map.of("quantity", 1)).when().post("/products/" + id + "/restock").then().statusCode(403);

        assertEquals(before, footprint());
        as(customer()).when().get("/products/" + id).then().body("price", is("10.00")).body("status", is("active"));
    }

    @Test
    void anotherTenantsProductIsNotFound() {
        UUID id = create("Private rug", 1);
        String stranger = TestTokens.token(UUID.randomUUID(), vendorId, "vendor", "admin");

        as(stranger).when().get("/products/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("/not-found"));
        keyed(stranger).body(Map.of("quantity", 1)).when().post("/products/" + id + "/restock").then().statusCode(404);
        assertArrayEquals(new int[] {1, 0}, stock(id));
    }

    @Test
    void commandsAreTimedPerCommandAndOutcome() {
        create("Metered clock", 1);
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("cloudlab_commands_seconds_count{command=\"create_product\",outcome=\"done\",service=\"inventory-service\""),
                "create_product timer");
    }

    private LoadedStream load(UUID id) {
        LoadedStream stream = store.load(tenant, id).await().atMost(Duration.ofSeconds(120));
        assertNotNull(stream);
        assertFalse(stream.events().isEmpty());
        return stream;
    }

}

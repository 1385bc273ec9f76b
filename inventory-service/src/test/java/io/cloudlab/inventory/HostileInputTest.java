package io.cloudlab.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile client gets: a 4xx problem naming what is wrong, never a 5xx, and nothing
 * written (every test compares this tenant's rows and events before and after).
 */
@QuarkusTest
class HostileInputTest extends InventoryTestBase {

    static final String PROBLEM = "application/problem+json";

    UUID product;
    Map<String, Long> before;

    @BeforeEach
    void aProductAndTheFootprintBefore() {
        if (product == null) product = create("Target", 5);
        before = footprint();
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(before, footprint());
    }

    private ValidatableResponse postProduct(String json) {
        return keyed(vendor()).body(json).when().post("/products").then();
    }

    private static ValidatableResponse invalid(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType(PROBLEM).body("field", is(field)).body("status", is(400));
    }

    @Test
    void malformedJsonIsRefusedNamingTheBody() {
        postProduct("{\"name\": \"x\", ").statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-json")).body("field", is("body"));
        postProduct("[1, 2, 3]").statusCode(400).contentType(PROBLEM).body("field", is("body"));
        postProduct("").statusCode(400).contentType(PROBLEM);
    }

    @Test
    void missingFieldsAreListedOneByOne() {
        postProduct("{}").statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("price"))
                .body("errors.field", hasItem("currency")).body("errors.field", hasItem("initial_stock"));
        keyed(admin()).body("{\"order_id\": \"" + UUID.randomUUID() + "\"}").when().post("/reservations")
                .then().statusCode(400).contentType(PROBLEM).body("field", is("lines"));
        keyed(admin()).body(Map.of("order_id", UUID.randomUUID().toString(), "lines", List.of()))
                .when().post("/reservations").then().statusCode(400).body("field", is("lines"));
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        invalid(postProduct("{\"name\":\"x\",\"price\":\"1.00\",\"currency\":\"EUR\",\"initial_stock\":\"ten\"}"), "initial_stock");
        // Money is a string: a JSON number is refused rather than rounded through a double.
        invalid(postProduct("{\"name\":\"x\",\"price\":19.99,\"currency\":\"EUR\",\"initial_stock\":1}"), "price");
        // 1.5 units is not 1 unit.
        invalid(postProduct("{\"name\":\"x\",\"price\":\"1.00\",\"currency\":\"EUR\",\"initial_stock\":1.5}"), "initial_stock");
        invalid(postProduct("{\"name\":[\"x\"],\"price\":\"1.00\",\"currency\":\"EUR\",\"initial_stock\":1}"), "name");
        invalid(keyed(admin()).body("{\"order_id\":\"not-a-uuid\",\"lines\":[]}").when().post("/reservations").then(),
                "order_id");
        invalid(keyed(admin()).body("{\"order_id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"product_id\":\"" + product
                + "\",\"quantity\":\"2\"}]}").when().post("/reservations").then(), "lines[0].quantity");
    }

    @Test
    void unknownFieldsAreRefused() {
        invalid(postProduct("{\"name\":\"x\",\"price\":\"1.00\",\"currency\":\"EUR\",\"initial_stock\":1,\"status\":\"retired\"}"),
                "status").body("detail", containsString("unknown field"));
        invalid(keyed(vendor()).body(Map.of("quantity", 1, "available", 99)).when().post("/products/" + product + "/restock")
                .then(), "available");
    }

    @Test
    void zeroNegativeAndOversizedNumbersAreRefused() {
        invalid(keyed(vendor()).body(Map.of("quantity", 0)).when().post("/products/" + product + "/restock").then(), "quantity");
        invalid(keyed(vendor()).body(Map.of("quantity", -3)).when().post("/products/" + product + "/restock").then(), "quantity");
        invalid(keyed(vendor()).body(Map.of("quantity", 1_000_001)).when().post("/products/" + product + "/restock").then(),
                "quantity");
        invalid(keyed(vendor()).body(Map.of("price", "0.00")).when().post("/products/" + product + "/reprice").then(), "price");
        invalid(keyed(vendor()).body(Map.of("price", "-5.00")).when().post("/products/" + product + "/reprice").then(), "price");
        invalid(keyed(vendor()).body(Map.of("price", "1.999")).when().post("/products/" + product + "/reprice").then(), "price");
        invalid(keyed(vendor()).body(product("x", "", "100000000.00", 1)).when().post("/products").then(), "price");
        invalid(keyed(vendor()).body(product("x", "", "1.00", -1)).when().post("/products").then(), "initial_stock");
        invalid(keyed(admin()).body(Map.of("order_id", UUID.randomUUID().toString(),
                        "lines", List.of(Map.of("product_id", product.toString(), "quantity", 0))))
                .when().post("/reservations").then(), "lines[0].quantity");
        invalid(keyed(admin()).body(Map.of("order_id", UUID.randomUUID().toString(),
                        "lines", List.of(Map.of("product_id", product.toString(), "quantity", 1),
                                Map.of("product_id", product.toString(), "quantity", 1))))
                .when().post("/reservations").then(), "lines[1].product_id");
        assertArrayEquals(new int[] {5, 0}, stock(product));
    }

    @Test
    void textRulesAndUnknownCurrenciesAreRefused() {
        invalid(keyed(vendor()).body(product(" ", "", "1.00", 1)).when().post("/products").then(), "name");
        invalid(keyed(vendor()).body(product("x".repeat(201), "", "1.00", 1)).when().post("/products").then(), "name");
        invalid(keyed(vendor()).body(product("x", "y".repeat(5001), "1.00", 1)).when().post("/products").then(), "description");
        invalid(keyed(vendor()).body(product("nul\u0000byte", "", "1.00", 1)).when().post("/products").then(), "name");
        invalid(keyed(vendor()).body(Map.of("name", "x", "price", "1.00", "currency", "XQZ", "initial_stock", 1))
                .when().post("/products").then(), "currency");
        invalid(keyed(vendor()).body(Map.of("name", "x", "price", "1.00", "currency", "eur", "initial_stock", 1))
                .when().post("/products").then(), "currency");
    }

    @Test
    void unknownIdsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        as(customer()).when().get("/products/" + unknown).then().statusCode(404).contentType(PROBLEM);
        as(customer()).when().get("/products/" + unknown + "/stock").then().statusCode(404).contentType(PROBLEM);
        keyed(vendor()).body(Map.of("quantity", 1)).when().post("/products/" + unknown + "/restock")
                .then().statusCode(404).contentType(PROBLEM);
        as(customer()).when().get("/products/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(admin()).when().post("/reservations/" + unknown + "/commit").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void injectionLookingTextIsStoredVerbatimAndHarmless() {
        String name = "Robert'); DROP TABLE inventory.products;--";
        String description = "<script>alert('x')</script> \" OR 1=1 -- ${jndi:ldap://x} \u202e";
        UUID id = create(vendor(), name, description, "1.00", 1);
        before = footprint(); // the create above is meant to write

        as(customer()).when().get("/products/" + id).then().statusCode(200)
                .body("name", is(name)).body("description", is(description));
        as(customer()).queryParam("q", "'; DROP TABLE inventory.products; --").when().get("/products")
                .then().statusCode(200);
        as(customer()).queryParam("q", "\"unbalanced -( OR").when().get("/products").then().statusCode(200);
        as(customer()).queryParam("q", "robert").when().get("/products").then().statusCode(200)
                .body("items.product_id", hasItem(id.toString()));
        assertEquals(1, count("SELECT count(*) FROM inventory.products WHERE product_id = '" + id + "'"));
    }

    @Test
    void badPagingParametersAreRefusedNamingThem() {
        invalid(as(customer()).queryParam("limit", "abc").when().get("/products").then(), "limit");
        invalid(as(customer()).queryParam("limit", 0).when().get("/products").then(), "limit");
        invalid(as(customer()).queryParam("cursor", "bm90IGEgY3Vyc29y").when().get("/products").then(), "cursor");
        invalid(as(customer()).queryParam("cursor", "%%%").when().get("/products").then(), "cursor");
        invalid(as(customer()).queryParam("q", "x".repeat(201)).when().get("/products").then(), "q");
        as(customer()).queryParam("limit", 1000).when().get("/products").then().statusCode(200);
    }

    @Test
    void aBodyOfOneMegabyteIsTooLarge() {
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
        keyed(vendor()).body(huge).when().post("/products").then().statusCode(413).contentType(PROBLEM).body("status", is(413)).body("field", is("body"));
    }

    @Test
    void theIdempotencyKeyIsRequiredOnCommands() {
        as(vendor()).body(product("x", "", "1.00", 1)).when().post("/products")
                .then().statusCode(400).contentType(PROBLEM).body("field", is("Idempotency-Key"));
        as(vendor()).header("Idempotency-Key", "has spaces in it").body(Map.of("quantity", 1))
                .when().post("/products/" + product + "/restock")
                .then().statusCode(400).contentType(PROBLEM).body("field", is("Idempotency-Key"));
    }

    @Test
    void missingExpiredForgedUnsignedOrTenantlessTokensAre401() {
        String body = "{\"name\":\"x\",\"price\":\"1.00\",\"currency\":\"EUR\",\"initial_stock\":1}";
        List<String> bad = List.of(
                TestTokens.expired(tenant, vendorId, "vendor"),
                TestTokens.forged(tenant, vendorId, "vendor"),
                TestTokens.unsigned(tenant, vendorId, "vendor"),
                TestTokens.withoutTenant(vendorId, "vendor"),
                "not.a.token");
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k1").body(body).when().post("/products")
                .then().statusCode(401).contentType(PROBLEM).body("field", is("Authorization"));
        given().when().get("/products").then().statusCode(401).contentType(PROBLEM);
        for (String token : bad) {
            keyed(token).body(body).when().post("/products").then().statusCode(401).contentType(PROBLEM);
            as(token).when().get("/products/" + product).then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void wrongRolesAre403() {
        String support = TestTokens.token(tenant, UUID.randomUUID().toString(), "support");
        String nobody = TestTokens.token(tenant, UUID.randomUUID().toString());
        keyed(customer()).body(product("x", "", "1.00", 1)).when().post("/products")
                .then().statusCode(403).contentType(PROBLEM);
        keyed(support).body(Map.of("quantity", 1)).when().post("/products/" + product + "/restock").then().statusCode(403);
        keyed(vendor()).body(Map.of("order_id", UUID.randomUUID().toString(),
                "lines", List.of(Map.of("product_id", product.toString(), "quantity", 1))))
                .when().post("/reservations").then().statusCode(403).contentType(PROBLEM);
        as(nobody).when().get("/products").then().statusCode(403).contentType(PROBLEM);
    }
}

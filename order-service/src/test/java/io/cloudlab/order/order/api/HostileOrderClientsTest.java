package io.cloudlab.order.order.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What hostile or broken clients send to POST /orders: every request is refused with a 4xx problem that
 * names the field, and not one order is written.
 */
@QuarkusTest
class HostileOrderClientsTest {

    @Inject
    Pool pool;

    Storefront shop;
    UUID keyboard;

    @BeforeEach
    void catalogue() {
        shop = new Storefront(pool);
        keyboard = shop.product("Keyboard", "49.95", "EUR");
    }

    static java.util.stream.Stream<Arguments> badBodies() {
        UUID p = UUID.randomUUID();
        JsonObject good = Storefront.order(p);
        return java.util.stream.Stream.of(
                Arguments.of("not JSON", "this is not json", "body"),
                Arguments.of("truncated JSON", "{\"items\": [", "items"),
                Arguments.of("an array", "[]", "body"),
                Arguments.of("no items", good.copy().put("items", new JsonArray()).encode(), "items"),
                Arguments.of("items missing", strip(good, "items"), "items"),
                Arguments.of("zero quantity", withItem(good, new JsonObject().put("product_id", p.toString()).put("quantity", 0)), "items[0].quantity"),
                Arguments.of("negative quantity", withItem(good, new JsonObject().put("product_id", p.toString()).put("quantity", -3)), "items[0].quantity"),
                Arguments.of("huge quantity", withItem(good, new JsonObject().put("product_id", p.toString()).put("quantity", 1_000_000)), "items[0].quantity"),
                Arguments.of("quantity as text", withItem(good, new JsonObject().put("product_id", p.toString()).put("quantity", "two")), "items[0].quantity"),
                Arguments.of("product id not a UUID", withItem(good, new JsonObject().put("product_id", "1 OR 1=1").put("quantity", 1)), "items[0].product_id"),
                Arguments.of("unknown payment method", good.copy().put("payment_method", "iou").encode(), "payment_method"),
                Arguments.of("payment method upper case injection", good.copy().put("payment_method", "paypal'; DROP TABLE orders.order_summaries;--").encode(), "payment_method"),
                Arguments.of("currency lower case", good.copy().put("currency", "eur").encode(), "currency"),
                Arguments.of("no address", strip(good, "shipping_address"), "shipping_address"),
                Arguments.of("blank city", good.copy().put("shipping_address", good.getJsonObject("shipping_address").copy().put("city", " ")).encode(), "shipping_address.city"),
                Arguments.of("country not ISO", good.copy().put("shipping_address", good.getJsonObject("shipping_address").copy().put("country", "Germany")).encode(), "shipping_address.country"),
                Arguments.of("unknown field", good.copy().put("total_amount", "0.01").encode(), "total_amount"),
                Arguments.of("card without stored card", good.copy().put("payment_method", "credit_card").encode(), "payment_method_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIsA4xxProblemNamingTheFieldAndWritesNothing(String what, String body, String field) {
        String payload = body;
        if (field.equals("payment_method_id")) payload = payload.replaceAll("\"product_id\":\"[^\"]+\"", "\"product_id\":\"" + keyboard + "\"");
        int status = shop.keyed(shop.customerToken()).body(payload).post("/orders").then()
                .contentType("application/problem+json")
                .body("field", is(field))
                .body("title", notNullValue())
                .extract().statusCode();
        assertEquals(4, status / 100, what + " gave " + status);
        assertEquals(0, shop.orders(), what);
    }

    @Test
    void injectionLookingTextIsStoredVerbatimAndHarmless() {
        JsonObject order = Storefront.order(keyboard);
        String hostile = "Robert'); DROP TABLE orders.order_summaries;-- <script>alert(1)</script>";
        order.getJsonObject("shipping_address").put("recipient", hostile).put("line2", "${jndi:ldap://x}");
        String id = shop.place(order).statusCode(201).extract().path("order_id");
        shop.as(shop.customerToken()).get("/orders/" + id).then().statusCode(200)
                .body("shipping_address.recipient", is(hostile))
                .body("shipping_address.line2", is("${jndi:ldap://x}"));
        assertEquals(1, shop.orders());
    }

    @Test
    void aMegabyteBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"items\": [], \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";
        shop.keyed(shop.customerToken()).body(huge).post("/orders").then().statusCode(413)
                .contentType("application/problem+json").body("field", is("body"));
        assertEquals(0, shop.orders());
    }

    @Test
    void missingExpiredForgedUnsignedOrTenantlessTokensAre401() {
        String body = Storefront.order(keyboard).encode();
        String user = shop.customer;
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(body).post("/orders").then()
                .statusCode(401).contentType("application/problem+json").body("field", is("Authorization"));
        for (String token : new String[] {TestTokens.expired(shop.tenant, user, "customer"),
                TestTokens.forged(shop.tenant, user, "customer"), TestTokens.unsigned(shop.tenant, user, "customer"),
                TestTokens.withoutTenant(user, "customer"), "not.a.token"}) {
            shop.keyed(token).body(body).post("/orders").then().statusCode(401).contentType("application/problem+json");
        }
        shop.as(TestTokens.unsigned(shop.tenant, user, "admin")).get("/orders").then().statusCode(401);
        assertEquals(0, shop.orders());
    }

    /** Verified tokens are remembered (VerifiedTokens): a token that differs in any byte is verified anew. */
    @Test
    void aRememberedTokenWithAnotherSignatureOrAnotherClaimIs401() {
        String good = shop.customerToken();
        shop.as(good).get("/orders").then().statusCode(200);
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String otherClaims = TestTokens.forged(shop.tenant, shop.customer, "admin").split("\\.")[1];
        for (String tampered : new String[] {otherSignature, parts[0] + "." + otherClaims + "." + parts[2]}) {
            shop.as(tampered).get("/orders").then().statusCode(401).contentType("application/problem+json");
        }
        shop.as(good).get("/orders").then().statusCode(200);
    }

    @Test
    void aVendorCannotPlaceOrReadOrders() {
        String vendor = TestTokens.token(shop.tenant, "vendor-1", "vendor");
        shop.keyed(vendor).body(Storefront.order(keyboard).encode()).post("/orders").then().statusCode(403)
                .contentType("application/problem+json");
        shop.as(vendor).get("/orders").then().statusCode(403);
    }

    @Test
    void anUnknownOrderAndAMalformedIdAre404And400() {
        shop.as(shop.customerToken()).get("/orders/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        shop.keyed(shop.customerToken()).body("{}").post("/orders/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        shop.as(shop.customerToken()).get("/orders/not-a-uuid").then().statusCode(404);
    }

    private static String strip(JsonObject body, String field) {
        JsonObject copy = body.copy();
        copy.remove(field);
        return copy.encode();
    }

    private static String withItem(JsonObject body, JsonObject item) {
        return body.copy().put("items", new JsonArray().add(item)).encode();
    }
}

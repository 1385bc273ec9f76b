package io.cloudlab.payment.payment;

import static io.cloudlab.payment.TestSupport.admin;
import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.authorization;
import static io.cloudlab.payment.TestSupport.authorize;
import static io.cloudlab.payment.TestSupport.authorizedPayment;
import static io.cloudlab.payment.TestSupport.events;
import static io.cloudlab.payment.TestSupport.registerCard;
import static io.cloudlab.payment.TestSupport.rows;
import static io.cloudlab.payment.TestSupport.writtenFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hostile and broken requests: each a 4xx problem naming what is wrong, and nothing written. */
@QuarkusTest
class PaymentsHostileInputTest {

    static final String PROBLEM = "application/problem+json";

    private ValidatableResponse post(UUID tenant, String body) {
        return admin(tenant).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/payments")
                .then().contentType(PROBLEM);
    }

    private static String valid() {
        return authorization(UUID.randomUUID(), "c-1", "10.00", null).encode();
    }

    @Test
    void malformedJsonIs400() {
        UUID tenant = UUID.randomUUID();
        post(tenant, "{\"order_id\": ").statusCode(400).body("type", endsWith("/malformed-json")).body("status", is(400));
        post(tenant, "not json at all").statusCode(400);
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void wrongTypesNameTheField() {
        UUID tenant = UUID.randomUUID();
        Map<String, Object> cases = Map.of(
                "amount", 10.5,
                "order_id", "not-a-uuid",
                "currency", 978,
                "customer_id", new JsonObject().put("id", 1),
                "payment_method_id", 12345);
        cases.forEach((field, value) -> {
            JsonObject body = new JsonObject(valid()).put(field, value);
            post(tenant, body.encode()).statusCode(400).body("field", is(field)).body("detail", notNullValue());
        });
        post(tenant, "[1,2,3]").statusCode(400);
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void missingFieldsAreNamed() {
        UUID tenant = UUID.randomUUID();
        for (String field : List.of("order_id", "customer_id", "amount", "currency", "payment_method")) {
            JsonObject body = new JsonObject(valid());
            body.remove(field);
            post(tenant, body.encode()).statusCode(400).body("field", is(field));
        }
        admin(tenant).header("Idempotency-Key", "k").post("/payments").then().statusCode(400).contentType(PROBLEM);
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void zeroNegativeAndOverPreciseAmountsAre400() {
        UUID tenant = UUID.randomUUID();
        for (String amount : List.of("0", "0.00", "-5.00", "1.001", "1e3", "100000000.00", "", " 1.00", "NaN")) {
            post(tenant, new JsonObject(valid()).put("amount", amount).encode()).statusCode(400).body("field", is("amount"));
        }
        String id = authorizedPayment(tenant, "10.00");
        long before = writtenFor(tenant);
        admin(tenant).header("Idempotency-Key", "z").body("{\"amount\":\"0.00\"}").post("/payments/" + id + "/capture")
                .then().statusCode(400).contentType(PROBLEM).body("field", is("amount"));
        admin(tenant).header("Idempotency-Key", "n").body("{\"amount\":\"-1\",\"reason\":\"x\"}").post("/payments/" + id + "/refund")
                .then().statusCode(400).body("field", is("amount"));
        assertEquals(before, writtenFor(tenant));
    }

    @Test
    void unknownEnumValuesAndUnknownFieldsAre400() {
        UUID tenant = UUID.randomUUID();
        post(tenant, new JsonObject(valid()).put("payment_method", "gold_bars").encode()).statusCode(400)
                .body("field", is("payment_method")).body("detail", containsString("credit_card"));
        post(tenant, new JsonObject(valid()).put("payment_method", "PAYPAL ").encode()).statusCode(400);
        post(tenant, new JsonObject(valid()).put("status", "captured").encode()).statusCode(400).body("field", is("status"));
        post(tenant, new JsonObject(valid()).put("currency", "eur").encode()).statusCode(400).body("field", is("currency"));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void unknownIdsAre404Or422() {
        UUID tenant = UUID.randomUUID();
        for (String action : List.of("capture", "void")) {
            admin(tenant).header("Idempotency-Key", "k-" + action).post("/payments/" + UUID.randomUUID() + "/" + action)
                    .then().statusCode(404).contentType(PROBLEM);
        }
        admin(tenant).header("Idempotency-Key", "k").post("/payments/not-a-uuid/void").then().statusCode(404).contentType(PROBLEM);
        admin(tenant).get("/payments/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin(tenant).get("/payments/%27%20OR%201=1--").then().statusCode(404).contentType(PROBLEM);
        admin(tenant).queryParam("order_id", "' OR 1=1 --").get("/payments").then().statusCode(400).body("field", is("order_id"));
        admin(tenant).get("/payments").then().statusCode(400).body("field", is("order_id"));
        // A payment method that does not exist, or is someone else's.
        JsonObject card = authorization(UUID.randomUUID(), "c-1", "10.00", UUID.randomUUID().toString());
        post(tenant, card.encode()).statusCode(422).body("field", is("payment_method_id"));
        String othersCard = registerCard(tenant, "c-2", "4242424242424242");
        post(tenant, authorization(UUID.randomUUID(), "c-1", "10.00", othersCard).encode()).statusCode(422)
                .body("type", endsWith("/unknown-payment-method"));
        JsonObject wrongType = authorization(UUID.randomUUID(), "c-2", "10.00", othersCard).put("payment_method", "debit_card");
        post(tenant, wrongType.encode()).statusCode(422).body("field", is("payment_method"));
        assertEquals(1, writtenFor(tenant), "only the registered card");
    }

    @Test
    void injectionLookingStringsAreStoredVerbatimAndHarmless() {
        UUID tenant = UUID.randomUUID();
        String customer = "x'); DROP TABLE payments.payments; --";
        String id = authorize(tenant, authorization(UUID.randomUUID(), customer, "10.00", null), "inj")
                .then().statusCode(201).body("customer_id", is(customer)).extract().path("payment_id");
        admin(tenant).header("Idempotency-Key", "c").post("/payments/" + id + "/capture").then().statusCode(200);
        String reason = "<script>alert(1)</script>' OR '1'='1";
        admin(tenant).header("Idempotency-Key", "r").body(new JsonObject().put("amount", "1.00").put("reason", reason).encode())
                .post("/payments/" + id + "/refund").then().statusCode(200);
        assertEquals(customer, rows("SELECT customer_id FROM payments.payments WHERE payment_id = ?", UUID.fromString(id))
                .get(0).get("customer_id"));
        assertEquals(reason, new JsonObject((String) events(UUID.fromString(id)).get(2).get("data")).getString("reason"));
    }

    @Test
    void aOneMegabyteBodyIs413() {
        UUID tenant = UUID.randomUUID();
        String huge = new JsonObject(valid()).put("customer_id", "x".repeat(1024 * 1024)).encode();
        admin(tenant).header("Idempotency-Key", "big").body(huge).post("/payments").then().statusCode(413)
                .contentType(PROBLEM).body("status", is(413)).body("type", endsWith("/body-too-large")).body("field", is("body"));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void theIdempotencyKeyIsRequiredOnCommands() {
        UUID tenant = UUID.randomUUID();
        admin(tenant).body(valid()).post("/payments").then().statusCode(400).contentType(PROBLEM)
                .body("field", is("Idempotency-Key"));
        String id = authorizedPayment(tenant, "5.00");
        long before = writtenFor(tenant);
        admin(tenant).post("/payments/" + id + "/void").then().statusCode(400).body("field", is("Idempotency-Key"));
        assertEquals(before, writtenFor(tenant));
    }

    @Test
    void missingExpiredForgedAndUnsignedTokensAre401() {
        UUID tenant = UUID.randomUUID();
        List<String> tokens = List.of(TestTokens.expired(tenant, "a", "admin"), TestTokens.forged(tenant, "a", "admin"),
                TestTokens.unsigned(tenant, "a", "admin"), TestTokens.withoutTenant("a", "admin"), "garbage");
        for (String token : tokens) {
            given().header("Authorization", "Bearer " + token).header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON).body(valid()).post("/payments")
                    .then().statusCode(401).contentType(PROBLEM).body("status", is(401));
        }
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(valid()).post("/payments")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().get("/payments/" + UUID.randomUUID()).then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(TestSupportCards.CARD).post("/payment-methods").then().statusCode(401);
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void wrongRolesAre403() {
        UUID tenant = UUID.randomUUID();
        for (String role : List.of("customer", "vendor", "support")) {
            as(tenant, "u", role).header("Idempotency-Key", UUID.randomUUID().toString()).body(valid()).post("/payments")
                    .then().statusCode(403).contentType(PROBLEM);
        }
        String id = authorizedPayment(tenant, "5.00");
        long before = writtenFor(tenant);
        as(tenant, "u", "support").header("Idempotency-Key", "k").post("/payments/" + id + "/void").then().statusCode(403);
        as(tenant, "u", "customer").header("Idempotency-Key", "k").post("/payments/" + id + "/capture").then().statusCode(403);
        as(tenant, "u", "vendor").get("/payments/" + id).then().statusCode(403);
        assertEquals(before, writtenFor(tenant));
    }

    /** A card body for the unauthenticated case. */
    static final class TestSupportCards {
        static final String CARD = io.cloudlab.payment.TestSupport.card("4242424242424242", "123").encode();
    }
}

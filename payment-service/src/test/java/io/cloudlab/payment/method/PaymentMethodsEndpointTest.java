package io.cloudlab.payment.method;

import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.assertNoCardData;
import static io.cloudlab.payment.TestSupport.card;
import static io.cloudlab.payment.TestSupport.rows;
import static io.cloudlab.payment.TestSupport.writtenFor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.TestSupport;
import io.cloudlab.payment.method.store.FieldCipher;
import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaymentMethodsEndpointTest {

    @Inject
    FieldCipher cipher;

    @Inject
    PaymentMethodRepository methods;

    @Test
    void aCardIsStoredAsAnEncryptedTokenWithBrandAndLastFourOnly() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String number = "4111111111111111";
        String cvc = "739";
        Response created = as(tenant, customer, "customer").body(card(number, cvc).encode()).post("/payment-methods");
        created.then().statusCode(201)
                .header("Location", endsWith("/payment-methods/" + created.path("payment_method_id")))
                .body("type", is("credit_card")).body("brand", is("visa")).body("last_four", is("1111"))
                .body("expiry_month", is(12)).body("expiry_year", is(2031));
        String body = created.asString();
        assertFalse(body.contains(number) || body.contains(cvc) || body.contains("tok_"), body);
        UUID id = UUID.fromString(created.path("payment_method_id"));

        List<Map<String, Object>> stored = rows("SELECT * FROM payments.payment_methods WHERE payment_method_id = ?", id);
        assertEquals(1, stored.size());
        Map<String, Object> row = stored.get(0);
        assertEquals(customer, row.get("customer_id"));
        assertEquals("1111", row.get("card_last_four"));
        row.forEach((column, value) -> assertNoCardData(value, number, cvc, "payment_methods." + column));

        // The ciphertexts are the token and holder name, bound to this row and its owner.
        String token = cipher.decrypt((byte[]) row.get("gateway_token_encrypted"),
                "payment_methods.gateway_token:" + tenant + ":" + customer + ":" + id);
        assertEquals("Ada Lovelace", cipher.decrypt((byte[]) row.get("holder_name_encrypted"),
                "payment_methods.holder_name:" + tenant + ":" + customer + ":" + id));
        // The sandbox's own row for the token has no card data either.
        List<Map<String, Object>> sandbox = rows("SELECT * FROM payments.sandbox_gateway_operations WHERE token = ?", token);
        assertEquals(1, sandbox.size());
        assertEquals("approve", sandbox.get(0).get("card_behaviour"));
        sandbox.get(0).forEach((column, value) -> assertNoCardData(value, number, cvc, "sandbox." + column));
        // Nor does anything in the event store for this tenant.
        rows("SELECT event_data::text AS data, metadata::text AS metadata FROM event_store.events WHERE tenant_id = ?", tenant)
                .forEach(event -> event.forEach((column, value) -> assertNoCardData(value, number, cvc, "events." + column)));
    }

    @Test
    void aCustomerListsTheirOwnMethodsAndDeletesOneWhichThenCannotPay() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String older = TestSupport.registerCard(tenant, customer, "4111111111111111");
        String newer = TestSupport.registerCard(tenant, customer, TestSupport.SUCCESS_CARD);
        String others = TestSupport.registerCard(tenant, other, TestSupport.SUCCESS_CARD);
        // The same user id in another tenant is someone else.
        TestSupport.registerCard(UUID.randomUUID(), customer, TestSupport.SUCCESS_CARD);

        as(tenant, customer, "customer").get("/payment-methods").then().statusCode(200)
                .body("payment_method_id", contains(newer, older)).body("last_four", contains("4242", "1111"))
                .body("brand", contains("visa", "visa")).body(not(containsString("tok_")));
        as(tenant, "support-1", "support").queryParam("customer_id", other).get("/payment-methods").then().statusCode(200)
                .body("payment_method_id", contains(others));
        as(tenant, "support-1", "support").get("/payment-methods").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("customer_id"));
        as(tenant, customer, "customer").queryParam("customer_id", other).get("/payment-methods").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("customer_id"));

        // Another customer cannot delete it, nor can anyone in another tenant: 404, and it stays.
        as(tenant, other, "customer").delete("/payment-methods/" + newer).then().statusCode(404)
                .contentType("application/problem+json");
        as(UUID.randomUUID(), customer, "customer").delete("/payment-methods/" + newer).then().statusCode(404);
        as(tenant, customer, "customer").get("/payment-methods").then().body("payment_method_id", contains(newer, older));

        as(tenant, customer, "customer").delete("/payment-methods/" + newer).then().statusCode(204);
        as(tenant, customer, "customer").get("/payment-methods").then().statusCode(200).body("payment_method_id", contains(older));
        as(tenant, customer, "customer").get("/payment-methods/" + newer).then().statusCode(404);
        as(tenant, customer, "customer").delete("/payment-methods/" + newer).then().statusCode(404);
        // Soft: the row stays, marked, so payments made with it keep pointing at a record.
        assertEquals(1, TestSupport.count("SELECT count(*) FROM payments.payment_methods WHERE payment_method_id = ?"
                + " AND deleted_at IS NOT NULL", UUID.fromString(newer)));

        // A deleted card cannot pay; the one left still can.
        TestSupport.authorize(tenant, TestSupport.authorization(UUID.randomUUID(), customer, "10.00", newer),
                UUID.randomUUID().toString()).then().statusCode(422).contentType("application/problem+json")
                .body("field", is("payment_method_id"));
        TestSupport.authorize(tenant, TestSupport.authorization(UUID.randomUUID(), customer, "10.00", older),
                UUID.randomUUID().toString()).then().statusCode(201).body("card_last_four", is("1111"));
    }

    @Test
    void aPaymentMadeWithACardKeepsItsRecordAfterTheCardIsDeleted() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = TestSupport.registerCard(tenant, customer, TestSupport.SUCCESS_CARD);
        String payment = TestSupport.authorize(tenant, TestSupport.authorization(UUID.randomUUID(), customer, "25.00", method),
                UUID.randomUUID().toString()).then().statusCode(201).extract().path("payment_id");

        as(tenant, "support-1", "support").delete("/payment-methods/" + method).then().statusCode(204);

        TestSupport.admin(tenant).get("/payments/" + payment).then().statusCode(200)
                .body("payment_method_id", is(method)).body("card_last_four", is("4242")).body("amount", is("25.00"));
    }

    /** Someone with SQL access moves a card to another customer: it no longer decrypts, so it cannot pay for them. */
    @Test
    void aCardMovedToAnotherCustomerNoLongerDecrypts() {
        UUID tenant = UUID.randomUUID();
        String owner = UUID.randomUUID().toString();
        String thief = UUID.randomUUID().toString();
        UUID id = UUID.fromString(as(tenant, owner, "customer").body(card("4111111111111111", "123").encode())
                .post("/payment-methods").then().statusCode(201).extract().path("payment_method_id"));
        assertNotNull(methods.find(tenant, id).await().indefinitely().orElseThrow().gatewayToken(), "the owner's card opens");

        TestSupport.execute(tenant, "UPDATE payments.payment_methods SET customer_id = ? WHERE payment_method_id = ?", thief, id);

        assertThrows(FieldCipher.TamperedException.class, () -> methods.find(tenant, id).await().indefinitely(),
                "a card moved to another customer must not decrypt");
    }

    @Test
    void theCardNeverReachesTheEventsOfAPaymentMadeWithIt() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = TestSupport.registerCard(tenant, customer, "5555555555554444");
        TestSupport.authorize(tenant, TestSupport.authorization(UUID.randomUUID(), customer, "10.00", method), "k-1")
                .then().statusCode(201).body("card_brand", is("mastercard")).body("card_last_four", is("4444"));
        List<Map<String, Object>> events = rows("SELECT event_data::text AS data FROM event_store.events WHERE tenant_id = ?", tenant);
        assertEquals(1, events.size());
        JsonObject data = new JsonObject((String) events.get(0).get("data"));
        // The last four are the customer's personal data: in the encrypted envelope, not in clear.
        assertEquals(null, data.getString("card_last_four"));
        assertEquals("card_last_four", data.getJsonObject("$pii").getJsonArray("fields").getString(0));
        assertFalse(data.encode().contains("4444"), data.encode());
        assertEquals("mastercard", data.getString("card_brand"));
        assertNoCardData(data, "5555555555554444", "123", "PaymentAuthorized");
    }

    @Test
    void nonCardTypesNeedNoCard() {
        UUID tenant = UUID.randomUUID();
        as(tenant, "c-1", "customer").body("{\"type\":\"paypal\"}").post("/payment-methods")
                .then().statusCode(201).body("type", is("paypal")).body("brand", nullValue()).body("last_four", nullValue());
    }

    @Test
    void theOwnerReadsItsPaymentMethodOthersDoNot() {
        UUID tenant = UUID.randomUUID();
        String id = TestSupport.registerCard(tenant, "owner-1", "4242424242424242");
        as(tenant, "owner-1", "customer").get("/payment-methods/" + id).then().statusCode(200).body("last_four", is("4242"));
        as(tenant, "someone-else", "customer").get("/payment-methods/" + id).then().statusCode(404);
        as(UUID.randomUUID(), "owner-1", "customer").get("/payment-methods/" + id).then().statusCode(404);
    }

    @Test
    void aLuhnInvalidNumberIsRefusedByTheGatewayAndNothingIsStored() {
        UUID tenant = UUID.randomUUID();
        Response refused = as(tenant, "c-1", "customer").body(card("4242424242424241", "123").encode()).post("/payment-methods");
        refused.then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/invalid-card")).body("field", is("card.number"));
        assertFalse(refused.asString().contains("4242424242424241"));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void anExpiredCardIsRefusedBeforeTheGateway() {
        UUID tenant = UUID.randomUUID();
        JsonObject body = card("4242424242424242", "123");
        body.getJsonObject("card").put("expiry_year", 2020);
        as(tenant, "c-1", "customer").body(body.encode()).post("/payment-methods")
                .then().statusCode(422).body("type", endsWith("/card-expired")).body("field", is("card.expiry_year"));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void cardTypesNeedTheCardAndOthersMustNotSendOne() {
        UUID tenant = UUID.randomUUID();
        as(tenant, "c-1", "customer").body("{\"type\":\"debit_card\"}").post("/payment-methods")
                .then().statusCode(400).body("field", is("card"));
        JsonObject paypalWithCard = card("4242424242424242", "123").put("type", "paypal");
        Response r = as(tenant, "c-1", "customer").body(paypalWithCard.encode()).post("/payment-methods");
        r.then().statusCode(400).body("field", is("card"));
        assertFalse(r.asString().contains("4242424242424242"));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void badCardFieldsAre400sThatDoNotEchoTheCard() {
        UUID tenant = UUID.randomUUID();
        Map<String, Object[]> cases = Map.of(
                "card.number", new Object[] {"number", "4242-4242-4242-4242"},
                "card.cvc", new Object[] {"cvc", "12"},
                "card.expiry_month", new Object[] {"expiry_month", 13},
                "card.expiry_year", new Object[] {"expiry_year", 1999});
        cases.forEach((field, change) -> {
            JsonObject body = card("4242424242424242", "123");
            body.getJsonObject("card").put((String) change[0], change[1]);
            Response r = as(tenant, "c-1", "customer").body(body.encode()).post("/payment-methods");
            r.then().statusCode(400).contentType("application/problem+json").body("field", is(field));
            assertFalse(r.asString().contains("4242-4242") || r.asString().contains("4242424242424242"), r.asString());
        });
        // A number sent as a JSON number is a wrong type, not a silently converted string.
        String numeric = "{\"type\":\"credit_card\",\"card\":{\"number\":4242424242424242,\"expiry_month\":12,"
                + "\"expiry_year\":2031,\"cvc\":\"123\"}}";
        Response r = as(tenant, "c-1", "customer").body(numeric).post("/payment-methods");
        r.then().statusCode(400).body("field", is("card.number"));
        assertFalse(r.asString().contains("4242424242424242"));
        as(tenant, "c-1", "customer").body("{\"type\":\"store_credit\"}").post("/payment-methods")
                .then().statusCode(400).body("field", is("type")).body("detail", not(nullValue()));
        assertEquals(0, writtenFor(tenant));
    }

    @Test
    void cardNumbersAndCvcsNeverReachTheLog() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + " " + (record.getThrown() == null ? "" : String.valueOf(record.getThrown())));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            UUID tenant = UUID.randomUUID();
            as(tenant, "c-1", "customer").body(card("6011111111111117", "4821").encode()).post("/payment-methods").then().statusCode(201);
            as(tenant, "c-1", "customer").body(card("6011111111111118", "4821").encode()).post("/payment-methods").then().statusCode(422);
            as(tenant, "c-1", "customer").body("{\"type\":\"credit_card\",\"card\":{\"number\":\"6011111111111117\",\"cvc\":4821")
                    .post("/payment-methods").then().statusCode(400);
            org.jboss.logging.Logger.getLogger("io.cloudlab.payment").info("log capture works");
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(l -> l.contains("log capture works")), "the capture sees log records");
        logged.forEach(line -> {
            assertFalse(line.contains("601111111111111"), line);
            assertFalse(line.contains("4821"), line);
        });
    }

    @Test
    void onlyCustomersRegisterPaymentMethods() {
        UUID tenant = UUID.randomUUID();
        as(tenant, "a-1", "admin").body(card("4242424242424242", "123").encode()).post("/payment-methods")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, writtenFor(tenant));
        assertNotNull(tenant);
    }
}

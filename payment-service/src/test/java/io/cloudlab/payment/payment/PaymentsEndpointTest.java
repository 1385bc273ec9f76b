package io.cloudlab.payment.payment;

import static io.cloudlab.payment.TestSupport.DECLINE_CARD;
import static io.cloudlab.payment.TestSupport.INSUFFICIENT_FUNDS_CARD;
import static io.cloudlab.payment.TestSupport.SLOW_CARD;
import static io.cloudlab.payment.TestSupport.act;
import static io.cloudlab.payment.TestSupport.admin;
import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.authorization;
import static io.cloudlab.payment.TestSupport.authorize;
import static io.cloudlab.payment.TestSupport.authorizedPayment;
import static io.cloudlab.payment.TestSupport.events;
import static io.cloudlab.payment.TestSupport.registerCard;
import static io.cloudlab.payment.TestSupport.rows;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.TestSupport;
import io.cloudlab.payment.payment.domain.Payment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;


@QuarkusTest
class PaymentsEndpointTest {

    @Test
    void authorizeCaptureAndRefundInTwoParts() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, "4242424242424242");
        UUID order = UUID.randomUUID();

        Response created = authorize(tenant, authorization(order, customer, "149.97", method), "authorize-1");
        String id = created.path("payment_id");
        created.then().statusCode(201).header("Location", endsWith("/payments/" + id))
                .body("status", is("authorized")).body("order_id", is(order.toString())).body("amount", is("149.97"))
                .body("currency", is("EUR")).body("payment_method", is("credit_card")).body("payment_method_id", is(method))
                .body("card_brand", is("visa")).body("card_last_four", is("4242")).body("captured_amount", is("0.00"))
                .body("version", is(1));
        assertEquals(Payment.idForOrder(tenant, order).toString(), id);
        assertTrue(((String) created.path("gateway_reference")).startsWith("auth_"));

        act(tenant, id, "capture", null).then().statusCode(200)
                .body("status", is("captured")).body("captured_amount", is("149.97")).body("version", is(2));
        act(tenant, id, "refund", new JsonObject().put("amount", "100.00").put("reason", "returned"))
                .then().statusCode(200).body("status", is("partially_refunded")).body("refunded_amount", is("100.00"));
        act(tenant, id, "refund", new JsonObject().put("amount", "49.97").put("reason", "rest"))
                .then().statusCode(200).body("status", is("refunded")).body("refunded_amount", is("149.97")).body("version", is(4));

        List<Map<String, Object>> events = events(UUID.fromString(id));
        assertEquals(List.of("PaymentAuthorized", "PaymentCaptured", "PaymentRefunded", "PaymentRefunded"),
                events.stream().map(e -> e.get("event_type")).toList());
        JsonObject refunded = new JsonObject((String) events.get(3).get("data"));
        assertEquals(new JsonObject().put("order_id", order.toString()).put("amount", "49.97")
                .put("refunded_total", "149.97").put("reason", "rest").putNull("refund_id"), refunded);
        Map<String, Object> row = rows("SELECT status, captured_amount, refunded_amount, version FROM payments.payments"
                + " WHERE payment_id = ?", UUID.fromString(id)).get(0);
        assertEquals("refunded", row.get("status"));
        assertEquals(new BigDecimal("149.97"), row.get("refunded_amount"));
        assertEquals(4, row.get("version"));

        admin(tenant).get("/payments/" + id).then().statusCode(200).body("status", is("refunded"));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cloudlab_commands_seconds_count{command=\"authorize\",outcome=\"done\",service=\"payment-service\""))
                .body(containsString("cloudlab_commands_seconds_count{command=\"refund\",outcome=\"done\",service=\"payment-service\""));
    }

    @Test
    void aPartialCaptureAndRefundsLimitedByIt() {
        UUID tenant = UUID.randomUUID();
        String id = authorizedPayment(tenant, "100.00");
        act(tenant, id, "capture", new JsonObject().put("amount", "100.01")).then().statusCode(422)
                .body("type", endsWith("/amount-above-limit")).body("field", is("amount"));
        act(tenant, id, "capture", new JsonObject().put("amount", "60.00")).then().statusCode(200)
                .body("captured_amount", is("60.00")).body("amount", is("100.00"));
        act(tenant, id, "refund", new JsonObject().put("amount", "60.00").put("reason", "all")).then().statusCode(200)
                .body("status", is("refunded"));
    }

    @Test
    void aRefundAboveWhatRemainsIs422AndWritesNothing() {
        UUID tenant = UUID.randomUUID();
        String id = authorizedPayment(tenant, "50.00");
        act(tenant, id, "capture", null).then().statusCode(200);
        act(tenant, id, "refund", new JsonObject().put("amount", "20.00").put("reason", "first")).then().statusCode(200);
        List<Map<String, Object>> before = rows("SELECT * FROM payments.payments WHERE payment_id = ?", UUID.fromString(id));
        long sandboxBefore = sandboxRows();

        act(tenant, id, "refund", new JsonObject().put("amount", "30.01").put("reason", "too much")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/amount-above-limit"))
                .body("field", is("amount")).body("detail", containsString("30.00"));

        assertEquals(before, rows("SELECT * FROM payments.payments WHERE payment_id = ?", UUID.fromString(id)));
        assertEquals(3, events(UUID.fromString(id)).size());
        assertEquals(sandboxBefore, sandboxRows(), "the gateway was not even asked");
    }

    @Test
    void voidReleasesTheAuthorizationAndThenNothingElseIsAllowed() {
        UUID tenant = UUID.randomUUID();
        String id = authorizedPayment(tenant, "10.00");
        act(tenant, id, "void", null).then().statusCode(200).body("status", is("voided"));
        act(tenant, id, "capture", null).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/illegal-transition")).body("detail", containsString("voided"));
        act(tenant, id, "void", null).then().statusCode(409).body("detail", containsString("voided"));
        act(tenant, id, "refund", new JsonObject().put("amount", "1.00").put("reason", "x")).then().statusCode(409);
        assertEquals(2, events(UUID.fromString(id)).size());
    }

    @Test
    void aCapturedPaymentCannotBeVoided() {
        UUID tenant = UUID.randomUUID();
        String id = authorizedPayment(tenant, "10.00");
        act(tenant, id, "capture", null).then().statusCode(200);
        act(tenant, id, "void", null).then().statusCode(409).body("detail", containsString("captured"));
    }

    @Test
    void aDeclinedCardIs402AndTheDeclineIsRecorded() {
        assertDeclined(DECLINE_CARD, "declined");
    }

    @Test
    void insufficientFundsIs402WithItsReason() {
        assertDeclined(INSUFFICIENT_FUNDS_CARD, "insufficient_funds");
    }

    private void assertDeclined(String cardNumber, String reason) {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, cardNumber);
        UUID order = UUID.randomUUID();
        Response declined = authorize(tenant, authorization(order, customer, "20.00", method), "k");
        declined.then().statusCode(402).contentType("application/problem+json")
                .body("type", endsWith("/payment-declined")).body("reason", is(reason))
                .body("payment_id", is(Payment.idForOrder(tenant, order).toString()));
        String id = declined.path("payment_id");
        admin(tenant).get("/payments/" + id).then().statusCode(200).body("status", is("declined"))
                .body("decline_reason", is(reason));
        List<Map<String, Object>> events = events(UUID.fromString(id));
        assertEquals(1, events.size());
        assertEquals("PaymentDeclined", events.get(0).get("event_type"));
        assertEquals(reason, new JsonObject((String) events.get(0).get("data")).getString("reason"));
        // The order had its one payment.
        authorize(tenant, authorization(order, customer, "20.00", method), "another-key").then().statusCode(409)
                .body("type", endsWith("/payment-exists"));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothing() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, "4242424242424242");
        JsonObject body = authorization(UUID.randomUUID(), customer, "12.34", method);
        Response first = authorize(tenant, body, "same-key");
        first.then().statusCode(201);
        Response again = authorize(tenant, body, "same-key");
        again.then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/payments/" + first.path("payment_id")))
                .body("payment_id", is((String) first.path("payment_id"))).body("status", is("authorized"));
        assertEquals(1, events(UUID.fromString(first.path("payment_id"))).size());

        authorize(tenant, body.copy().put("amount", "99.99"), "same-key").then().statusCode(422)
                .body("type", endsWith("/idempotency-key-reused"));
        authorize(tenant, body, "other-key").then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/payment-exists")).body("detail", containsString("authorized"));
        assertEquals(1, events(UUID.fromString(first.path("payment_id"))).size());
    }

    @Test
    void aReplayedDeclineIsTheSame402() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, DECLINE_CARD);
        JsonObject body = authorization(UUID.randomUUID(), customer, "5.00", method);
        authorize(tenant, body, "k").then().statusCode(402);
        authorize(tenant, body, "k").then().statusCode(402).header("Idempotency-Replayed", "true")
                .contentType("application/problem+json").body("reason", is("declined"));
    }

    @Test
    void aCaptureRetriedWithItsKeyIsReplayed() {
        UUID tenant = UUID.randomUUID();
        String id = authorizedPayment(tenant, "10.00");
        admin(tenant).header("Idempotency-Key", "cap-1").post("/payments/" + id + "/capture").then().statusCode(200);
        admin(tenant).header("Idempotency-Key", "cap-1").post("/payments/" + id + "/capture").then().statusCode(200)
                .header("Idempotency-Replayed", "true").body("status", is("captured"));
        assertEquals(2, events(UUID.fromString(id)).size());
    }

    @Test
    void aGatewayTimeoutLeavesThePaymentPendingAndTheRetryResolvesIt() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, SLOW_CARD);
        JsonObject body = authorization(UUID.randomUUID(), customer, "30.00", method);

        Response timedOut = authorize(tenant, body, "slow-1");
        timedOut.then().statusCode(504).contentType("application/problem+json")
                .body("type", endsWith("/gateway-timeout")).body("payment_status", is("pending"));
        String id = timedOut.path("payment_id");
        admin(tenant).get("/payments/" + id).then().statusCode(200).body("status", is("pending"));

        // The gateway kept its answer under the payment's key: the retry gets it without another authorization.
        authorize(tenant, body, "slow-1").then().statusCode(201).body("status", is("authorized"))
                .header("Idempotency-Replayed", nullValue());
        assertEquals(List.of("PaymentAuthorizationTimedOut", "PaymentAuthorized"),
                events(UUID.fromString(id)).stream().map(e -> e.get("event_type")).toList());
        assertEquals(1L, TestSupport.count("SELECT count(*) FROM payments.sandbox_gateway_operations"
                + " WHERE idempotency_key = ?", "authorize:" + id));
    }

    @Test
    void paypalNeedsNoStoredMethodButCardsDo() {
        UUID tenant = UUID.randomUUID();
        authorize(tenant, authorization(UUID.randomUUID(), "c-1", "15.00", null), "k1").then().statusCode(201)
                .body("payment_method", is("paypal")).body("card_last_four", nullValue());
        JsonObject card = authorization(UUID.randomUUID(), "c-1", "15.00", null).put("payment_method", "credit_card");
        authorize(tenant, card, "k2").then().statusCode(400).body("field", is("payment_method_id"));
    }

    @Test
    void concurrentCaptureAndVoidOneWinsTheOtherIs409() throws Exception {
        for (int round = 0; round < 3; round++) {
            UUID tenant = UUID.randomUUID();
            String id = authorizedPayment(tenant, "10.00");
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Response> capture = CompletableFuture.supplyAsync(() -> {
                await(start);
                return act(tenant, id, "capture", null);
            });
            CompletableFuture<Response> voided = CompletableFuture.supplyAsync(() -> {
                await(start);
                return act(tenant, id, "void", null);
            });
            int c = capture.get().statusCode();
            int v = voided.get().statusCode();
            assertTrue((c == 200 && v == 409) || (c == 409 && v == 200), "capture " + c + ", void " + v);
            String winner = c == 200 ? "captured" : "voided";
            Response loser = c == 200 ? voided.get() : capture.get();
            assertEquals("application/problem+json", loser.contentType());
            List<Map<String, Object>> events = events(UUID.fromString(id));
            assertEquals(2, events.size(), "one transition recorded");
            assertEquals(c == 200 ? "PaymentCaptured" : "PaymentVoided", events.get(1).get("event_type"));
            admin(tenant).get("/payments/" + id).then().body("status", is(winner));
            String gatewayState = (String) rows("SELECT authorization_state FROM payments.sandbox_gateway_operations"
                    + " WHERE operation = 'authorize' AND idempotency_key = ?", "authorize:" + id).get(0).get("authorization_state");
            assertEquals(winner, gatewayState, "the gateway agrees with the payment");
        }
    }

    @Test
    void theOwnerAndStaffReadAPaymentOthersDoNot() {
        UUID tenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        UUID order = UUID.randomUUID();
        String id = authorize(tenant, authorization(order, customer, "1.00", null), "k").then().statusCode(201)
                .extract().path("payment_id");
        as(tenant, customer, "customer").get("/payments/" + id).then().statusCode(200).body("customer_id", is(customer));
        as(tenant, "someone-else", "customer").get("/payments/" + id).then().statusCode(404);
        as(tenant, "s-1", "support").get("/payments/" + id).then().statusCode(200);
        as(UUID.randomUUID(), "a", "admin").get("/payments/" + id).then().statusCode(404);
        as(tenant, "s-1", "support").queryParam("order_id", order.toString()).get("/payments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].payment_id", is(id));
        as(tenant, customer, "customer").queryParam("order_id", order.toString()).get("/payments").then().statusCode(403);
        admin(tenant).queryParam("order_id", UUID.randomUUID().toString()).get("/payments").then().statusCode(200)
                .body("", hasSize(0));
    }

    private static long sandboxRows() {
        return TestSupport.count("SELECT count(*) FROM payments.sandbox_gateway_operations");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

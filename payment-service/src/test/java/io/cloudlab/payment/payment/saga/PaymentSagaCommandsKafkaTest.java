package io.cloudlab.payment.payment.saga;

import static io.cloudlab.payment.TestSupport.INSUFFICIENT_FUNDS_CARD;
import static io.cloudlab.payment.TestSupport.SLOW_CARD;
import static io.cloudlab.payment.TestSupport.SUCCESS_CARD;
import static io.cloudlab.payment.TestSupport.count;
import static io.cloudlab.payment.TestSupport.events;
import static io.cloudlab.payment.TestSupport.registerCard;
import static io.cloudlab.payment.TestSupport.rows;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.saga.SagaKafka.Saga;
import io.cloudlab.contracts.payment.PaymentCommand;
import io.cloudlab.contracts.payment.Payments;
import io.cloudlab.support.saga.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment's side of the saga over the real Kafka and PostgreSQL: commands published to
 * cloudlab.payment.commands as the orchestrator's relay does, replies read from cloudlab.saga.replies, the
 * effect read from the tables and the store as their owner.
 */
@QuarkusTest
class PaymentSagaCommandsKafkaTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    SagaKafka kafka;
    UUID tenant;

    @BeforeEach
    void connect() {
        kafka = new SagaKafka(bootstrap);
        tenant = UUID.randomUUID();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    static JsonObject authorize(String customer, String amount, String method, String methodId) {
        return new JsonObject().put("customer_id", customer).put("amount", amount).put("currency", "EUR")
                .put("payment_method", method).put("payment_method_id", methodId);
    }

    static JsonObject paypal(String amount) {
        return authorize(UUID.randomUUID().toString(), amount, "paypal", null);
    }

    JsonObject card(String number, String amount) {
        String customer = UUID.randomUUID().toString();
        return authorize(customer, amount, "credit_card", registerCard(tenant, customer, number));
    }

    UUID paymentOf(Saga saga) {
        return Payment.idForOrder(tenant, saga.orderId());
    }

    // --- AuthorizePayment -------------------------------------------------------------------------

    @Test
    void authorizePaymentAuthorizesAndReplies() {
        Saga saga = Saga.create(tenant);
        JsonObject fields = card(SUCCESS_CARD, "99.90");
        UUID command = kafka.send(saga, "AuthorizePayment", fields);

        JsonObject reply = kafka.awaitReply(command);
        assertEquals("PaymentAuthorized", reply.getString("event_type"));
        assertEquals("saga-reply.payment-service", reply.getString("aggregate_type"));
        JsonObject data = reply.getJsonObject("data");
        assertEquals(Set.of("payment_id", "amount", "currency", "saga_id", "command_id", "command_type", "order_id"),
                data.fieldNames());
        assertEquals(paymentOf(saga).toString(), data.getString("payment_id"));
        assertEquals("99.90", data.getString("amount"));
        assertEquals("EUR", data.getString("currency"));
        assertEquals(saga.sagaId().toString(), data.getString("saga_id"));
        assertEquals(saga.orderId().toString(), data.getString("order_id"));
        assertEquals("AuthorizePayment", data.getString("command_type"));
        JsonObject metadata = reply.getJsonObject("metadata");
        assertEquals(tenant.toString(), metadata.getString("tenant_id"));
        assertEquals(saga.sagaId().toString(), metadata.getString("correlation_id"));
        assertEquals(command.toString(), metadata.getString("causation_id"));

        // The effect: the payment's event (its id derived from the command), its row, the inbox row.
        List<Map<String, Object>> events = events(paymentOf(saga));
        assertEquals(List.of("PaymentAuthorized"), events.stream().map(e -> e.get("event_type")).toList());
        assertEquals(commandOf(saga, command, fields).eventId(0), events.get(0).get("event_id"));
        assertEquals("authorized", status(saga));
        assertEquals(1, count("SELECT count(*) FROM payments.payments WHERE tenant_id = ? AND status = 'authorized'"
                + " AND amount = 99.90 AND card_last_four = '4242'", tenant));
        assertEquals(1, inboxRows(command));
        assertEquals(1, storedReplies(command));

        RestAssured.given().get("/q/metrics").then().statusCode(200).body(containsString(
                "cloudlab_saga_commands_seconds_count{command=\"AuthorizePayment\",outcome=\"done\",participant=\"payment\""));
    }

    @Test
    void aDeclinedCardIsAFailureReplyAndHoldsNoMoney() {
        Saga saga = Saga.create(tenant);
        UUID command = kafka.send(saga, "AuthorizePayment", card(INSUFFICIENT_FUNDS_CARD, "50.00"));

        JsonObject reply = kafka.awaitReply(command);
        assertEquals("PaymentDeclined", reply.getString("event_type"));
        assertEquals("insufficient_funds", reply.getJsonObject("data").getString("reason"));
        assertEquals(paymentOf(saga).toString(), reply.getJsonObject("data").getString("payment_id"));
        // The refusal is recorded (one payment per order: a new attempt gets the same answer), no money is held.
        assertEquals("declined", status(saga));
        assertEquals("insufficient_funds", rows("SELECT outcome FROM payments.sandbox_gateway_operations"
                + " WHERE idempotency_key = ?", "authorize:" + paymentOf(saga)).get(0).get("outcome"));
        assertEquals(1, inboxRows(command));
    }

    @Test
    void aPaymentMethodThatCannotBeChargedIsRefusedWithNoEffect() {
        Saga saga = Saga.create(tenant);
        String stranger = registerCard(tenant, UUID.randomUUID().toString(), SUCCESS_CARD);
        UUID command = kafka.send(saga, "AuthorizePayment", authorize("someone-else", "10.00", "credit_card", stranger));

        JsonObject reply = kafka.awaitReply(command);
        assertEquals("PaymentDeclined", reply.getString("event_type"));
        assertEquals("invalid_payment_method", reply.getJsonObject("data").getString("reason"));
        assertTrue(reply.getJsonObject("data").containsKey("payment_id"));
        assertNull(reply.getJsonObject("data").getString("payment_id"));
        assertEquals(0, count("SELECT count(*) FROM payments.payments WHERE tenant_id = ?", tenant));
        assertTrue(events(paymentOf(saga)).isEmpty());
        assertEquals(0, count("SELECT count(*) FROM payments.sandbox_gateway_operations WHERE idempotency_key = ?",
                "authorize:" + paymentOf(saga)));
        assertEquals(1, inboxRows(command));
        assertEquals(1, storedReplies(command));
    }

    @Test
    void theSameMessageTwiceHasOneEffectAndOneReply() {
        Saga saga = Saga.create(tenant);
        UUID command = UUID.randomUUID();
        String message = saga.command(command, "AuthorizePayment", card(SUCCESS_CARD, "30.00")).encode();
        kafka.publish(saga, message);
        kafka.publish(saga, message);
        // A new attempt of the step, after both on the same partition: once it is answered, both were handled.
        UUID attempt = kafka.send(saga, "AuthorizePayment", paypal("30.00"));

        JsonObject again = kafka.awaitReply(attempt);
        assertEquals("PaymentAuthorized", again.getString("event_type"), "a new attempt is answered from the state");
        assertEquals(paymentOf(saga).toString(), again.getJsonObject("data").getString("payment_id"));
        assertEquals("PaymentAuthorized", kafka.awaitReply(command).getString("event_type"));
        assertEquals(1, kafka.repliesTo(command).size());
        assertEquals(1, storedReplies(command));
        assertEquals(1, inboxRows(command));
        assertEquals(List.of("PaymentAuthorized"), events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());
        assertEquals(1, count("SELECT count(*) FROM payments.sandbox_gateway_operations WHERE idempotency_key = ?",
                "authorize:" + paymentOf(saga)));
    }

    @Test
    void aRedeliveryAfterTheEffectChangesNothing() {
        Saga saga = Saga.create(tenant);
        UUID command = UUID.randomUUID();
        String message = saga.command(command, "AuthorizePayment", paypal("42.00")).encode();
        kafka.publish(saga, message);
        assertEquals("PaymentAuthorized", kafka.awaitReply(command).getString("event_type"));
        List<Map<String, Object>> eventsBefore = events(paymentOf(saga));
        List<Map<String, Object>> rowBefore = paymentRow(saga);

        kafka.publish(saga, message);
        UUID later = kafka.send(saga, "VoidPayment", new JsonObject().put("payment_id", "ignored"));
        JsonObject voided = kafka.awaitReply(later);

        assertEquals(1, kafka.repliesTo(command).size(), "no second reply");
        assertEquals(1, storedReplies(command));
        assertEquals(1, inboxRows(command));
        // The void after it did apply (so the redelivery was handled before it) and added only its own event.
        assertEquals(true, voided.getJsonObject("data").getBoolean("voided"));
        List<Map<String, Object>> eventsAfter = events(paymentOf(saga));
        assertEquals(eventsBefore, eventsAfter.subList(0, 1));
        assertEquals(List.of("PaymentAuthorized", "PaymentVoided"), eventsAfter.stream().map(e -> e.get("event_type")).toList());
        assertEquals(1, (Integer) rowBefore.get(0).get("version"));
        RestAssured.given().get("/q/metrics").then().statusCode(200).body(containsString(
                "cloudlab_saga_commands_seconds_count{command=\"AuthorizePayment\",outcome=\"duplicate\",participant=\"payment\""));
    }

    @Test
    void aTimedOutAuthorizationFailsThenItsVoidResolvesAndReleasesIt() {
        Saga saga = Saga.create(tenant);
        UUID command = kafka.send(saga, "AuthorizePayment", card(SLOW_CARD, "75.00"));
        JsonObject failed = kafka.awaitReply(command);
        assertEquals("PaymentFailed", failed.getString("event_type"));
        assertEquals("gateway_timeout", failed.getJsonObject("data").getString("reason"));
        assertEquals("pending", status(saga));

        // The compensation: the gateway did authorize in the end (slow card); the void finds out and releases it.
        UUID compensation = kafka.send(saga, "VoidPayment", new JsonObject());
        JsonObject voided = kafka.awaitReply(compensation);
        assertEquals("PaymentVoided", voided.getString("event_type"));
        assertEquals(true, voided.getJsonObject("data").getBoolean("voided"));
        assertEquals(paymentOf(saga).toString(), voided.getJsonObject("data").getString("payment_id"));
        assertEquals(List.of("PaymentAuthorizationTimedOut", "PaymentAuthorized", "PaymentVoided"),
                events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());
        assertEquals("voided", status(saga));
        assertEquals("voided", rows("SELECT authorization_state FROM payments.sandbox_gateway_operations"
                + " WHERE idempotency_key = ?", "authorize:" + paymentOf(saga)).get(0).get("authorization_state"));
    }

    // --- CapturePayment ---------------------------------------------------------------------------

    @Test
    void captureCapturesOnceAndANewAttemptIsAnsweredTheSame() {
        Saga saga = Saga.create(tenant);
        String paymentId = kafka.awaitReply(kafka.send(saga, "AuthorizePayment", paypal("120.00")))
                .getJsonObject("data").getString("payment_id");

        UUID tooMuch = kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId).put("amount", "999.00"));
        JsonObject refused = kafka.awaitReply(tooMuch);
        assertEquals("PaymentCaptureFailed", refused.getString("event_type"));
        assertEquals("amount_above_authorized", refused.getJsonObject("data").getString("reason"));
        assertEquals("authorized", status(saga));

        UUID capture = kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId).put("amount", "120.00"));
        JsonObject captured = kafka.awaitReply(capture);
        assertEquals("PaymentCaptured", captured.getString("event_type"));
        assertEquals(new JsonObject().put("payment_id", paymentId).put("amount", "120.00").put("captured_total", "120.00")
                .put("saga_id", saga.sagaId().toString()).put("command_id", capture.toString())
                .put("command_type", "CapturePayment").put("order_id", saga.orderId().toString()), captured.getJsonObject("data"));

        UUID attempt = kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId).put("amount", "120.00"));
        assertEquals("PaymentCaptured", kafka.awaitReply(attempt).getString("event_type"));
        assertEquals(List.of("PaymentAuthorized", "PaymentCaptured"),
                events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());
        assertEquals("captured", status(saga));

        // A payment that is not this order's is not captured.
        UUID foreign = kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", UUID.randomUUID().toString())
                .put("amount", "1.00"));
        assertEquals("payment_not_found", kafka.awaitReply(foreign).getJsonObject("data").getString("reason"));
    }

    // --- VoidPayment ------------------------------------------------------------------------------

    @Test
    void voidVoidsOnceAndWithNothingToVoidIsAnIdempotentSuccess() {
        Saga saga = Saga.create(tenant);
        kafka.awaitReply(kafka.send(saga, "AuthorizePayment", paypal("15.00")));

        JsonObject voided = kafka.awaitReply(kafka.send(saga, "VoidPayment", new JsonObject()));
        assertEquals("PaymentVoided", voided.getString("event_type"));
        assertEquals(true, voided.getJsonObject("data").getBoolean("voided"));
        JsonObject again = kafka.awaitReply(kafka.send(saga, "VoidPayment", new JsonObject()));
        assertEquals(true, again.getJsonObject("data").getBoolean("voided"));
        assertEquals(List.of("PaymentAuthorized", "PaymentVoided"),
                events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());

        Saga unpaid = Saga.create(tenant);
        JsonObject nothing = kafka.awaitReply(kafka.send(unpaid, "VoidPayment", new JsonObject()));
        assertEquals("PaymentVoided", nothing.getString("event_type"));
        assertEquals(false, nothing.getJsonObject("data").getBoolean("voided"));
        assertNull(nothing.getJsonObject("data").getString("payment_id"));
        assertEquals(0, count("SELECT count(*) FROM payments.payments WHERE order_id = ?", unpaid.orderId()));
    }

    // --- RefundPayment ----------------------------------------------------------------------------

    static JsonObject refund(String amount) {
        return new JsonObject().put("amount", amount).put("reason", "changed my mind");
    }

    @Test
    void refundPaymentRefundsACaptureOncePerSagaWhateverTheAttempts() {
        Saga saga = Saga.create(tenant);
        String paymentId = kafka.awaitReply(kafka.send(saga, "AuthorizePayment", paypal("80.00")))
                .getJsonObject("data").getString("payment_id");
        kafka.awaitReply(kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId)));
        Saga refunding = new Saga(tenant, UUID.randomUUID(), saga.orderId());

        JsonObject refunded = kafka.awaitReply(kafka.send(refunding, "RefundPayment", refund("30.00")));
        assertEquals("PaymentRefunded", refunded.getString("event_type"));
        assertEquals("30.00", refunded.getJsonObject("data").getString("amount"));
        assertEquals(false, refunded.getJsonObject("data").getBoolean("voided"));
        // Another attempt of the step (a new command id) finds the refund done: nothing moves twice.
        JsonObject again = kafka.awaitReply(kafka.send(refunding, "RefundPayment", refund("30.00")));
        assertEquals("PaymentRefunded", again.getString("event_type"));
        assertEquals(List.of("PaymentAuthorized", "PaymentCaptured", "PaymentRefunded"),
                events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());
        assertEquals("partially_refunded", status(saga));
        assertEquals(1, count("SELECT count(*) FROM payments.sandbox_gateway_operations WHERE operation = 'refund'"
                + " AND outcome = 'approved' AND idempotency_key = ?", "refund:" + refunding.sagaId()));

        // Another refund (another saga) of more than is left is refused, and nothing moves.
        JsonObject tooMuch = kafka.awaitReply(kafka.send(new Saga(tenant, UUID.randomUUID(), saga.orderId()),
                "RefundPayment", refund("50.01")));
        assertEquals("PaymentRefundRefused", tooMuch.getString("event_type"));
        assertEquals("amount_above_refundable", tooMuch.getJsonObject("data").getString("reason"));
        assertEquals("partially_refunded", status(saga));
    }

    @Test
    void refundPaymentOfAnUncapturedPaymentVoidsTheWholeHoldAndRefusesAPart() {
        Saga saga = Saga.create(tenant);
        kafka.awaitReply(kafka.send(saga, "AuthorizePayment", paypal("25.00")));
        Saga cancelling = new Saga(tenant, UUID.randomUUID(), saga.orderId());

        JsonObject part = kafka.awaitReply(kafka.send(cancelling, "RefundPayment", refund("10.00")));
        assertEquals("not_captured", part.getJsonObject("data").getString("reason"));
        JsonObject whole = kafka.awaitReply(kafka.send(cancelling, "RefundPayment", refund("25.00")));
        assertEquals("PaymentRefunded", whole.getString("event_type"));
        assertEquals(true, whole.getJsonObject("data").getBoolean("voided"));
        assertEquals("voided", status(saga));

        JsonObject none = kafka.awaitReply(kafka.send(Saga.create(tenant), "RefundPayment", refund("1.00")));
        assertEquals("PaymentRefundRefused", none.getString("event_type"));
        assertEquals("no_payment", none.getJsonObject("data").getString("reason"));
    }

    @Test
    void aRefundTheGatewayRefusesIsAFailureReplyAndMovesNothing() {
        Saga saga = Saga.create(tenant);
        String paymentId = kafka.awaitReply(kafka.send(saga, "AuthorizePayment",
                card(io.cloudlab.payment.gateway.sandbox.TestCards.REFUSES_REFUNDS, "40.00")))
                .getJsonObject("data").getString("payment_id");
        kafka.awaitReply(kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId)));

        JsonObject refused = kafka.awaitReply(kafka.send(new Saga(tenant, UUID.randomUUID(), saga.orderId()),
                "RefundPayment", refund("40.00")));
        assertEquals("PaymentRefundRefused", refused.getString("event_type"));
        assertEquals("gateway_refused", refused.getJsonObject("data").getString("reason"));
        assertEquals("captured", status(saga));
        // The refusal is recorded (no money moved), so that asking again is a new request to the gateway.
        assertEquals(List.of("PaymentAuthorized", "PaymentCaptured", "PaymentRefundDeclined"),
                events(paymentOf(saga)).stream().map(e -> e.get("event_type")).toList());
    }

    @Test
    void aRefundRefusedOnceIsAskedAgainUnderANewKeyAndThenGoesThroughOnce() {
        Saga saga = Saga.create(tenant);
        String paymentId = kafka.awaitReply(kafka.send(saga, "AuthorizePayment",
                card(io.cloudlab.payment.gateway.sandbox.TestCards.REFUSES_FIRST_REFUND, "40.00")))
                .getJsonObject("data").getString("payment_id");
        kafka.awaitReply(kafka.send(saga, "CapturePayment", new JsonObject().put("payment_id", paymentId)));
        Saga cancelling = new Saga(tenant, UUID.randomUUID(), saga.orderId());

        assertEquals("PaymentRefundRefused", kafka.awaitReply(kafka.send(cancelling, "RefundPayment", refund("40.00")))
                .getString("event_type"));
        // An operator's retry: another attempt of the step, another command id, the same saga.
        JsonObject retried = kafka.awaitReply(kafka.send(cancelling, "RefundPayment", refund("40.00")));
        assertEquals("PaymentRefunded", retried.getString("event_type"));
        JsonObject again = kafka.awaitReply(kafka.send(cancelling, "RefundPayment", refund("40.00")));
        assertEquals("PaymentRefunded", again.getString("event_type"), "done once: asked again, nothing moves");
        assertEquals("refunded", status(saga));
        assertEquals(List.of("refund:" + cancelling.sagaId() + " refused", "refund:" + cancelling.sagaId() + ":1 approved"),
                rows("SELECT idempotency_key || ' ' || outcome AS op FROM payments.sandbox_gateway_operations"
                        + " WHERE operation = 'refund' AND idempotency_key LIKE ? ORDER BY created_at", "refund:" + cancelling.sagaId() + "%")
                        .stream().map(r -> (String) r.get("op")).toList());
    }

    // --- what is not a payment command ------------------------------------------------------------

    @Test
    void messagesThatAreNotPaymentCommandsAreParked() {
        Saga saga = Saga.create(tenant);
        UUID unknown = UUID.randomUUID();
        UUID malformed = UUID.randomUUID();
        kafka.publish(saga, "{not json");
        kafka.publish(saga, saga.command(unknown, "RefundEverything", new JsonObject()).encode());
        kafka.publish(saga, saga.command(malformed, "AuthorizePayment", paypal("10.00").put("amount", 10)).encode());
        UUID after = kafka.send(saga, "VoidPayment", new JsonObject());

        assertEquals("PaymentVoided", kafka.awaitReply(after).getString("event_type"), "the consumer went on");
        for (UUID skipped : List.of(unknown, malformed)) {
            assertTrue(kafka.repliesTo(skipped).isEmpty());
            assertEquals(0, storedReplies(skipped));
            assertEquals(0, inboxRows(skipped));
            assertEquals(1, count("SELECT count(*) FROM event_store.parked_messages WHERE consumer_name ="
                    + " 'payment.saga-commands' AND message_id = ? AND status = 'parked'", skipped));
        }
        assertEquals(0, count("SELECT count(*) FROM payments.payments WHERE tenant_id = ?", tenant));
        assertFalse(events(paymentOf(saga)).size() > 0);
    }

    // --- reading the effect -----------------------------------------------------------------------

    static Received<PaymentCommand> commandOf(Saga saga, UUID commandId, JsonObject fields) {
        return Received.parse(saga.command(commandId, "AuthorizePayment", fields).encode(), Payments.PARTICIPANT);
    }

    String status(Saga saga) {
        return (String) paymentRow(saga).get(0).get("status");
    }

    List<Map<String, Object>> paymentRow(Saga saga) {
        return rows("SELECT status, version, updated_at FROM payments.payments WHERE payment_id = ?", paymentOf(saga));
    }

    static long inboxRows(UUID command) {
        return count("SELECT count(*) FROM event_store.processed_messages WHERE consumer_name = ? AND message_id = ?",
                "payment.saga-commands", command);
    }

    static long storedReplies(UUID command) {
        return count("SELECT count(*) FROM event_store.events WHERE aggregate_type = 'saga-reply.payment-service'"
                + " AND event_data->>'command_id' = ?", command.toString());
    }
}

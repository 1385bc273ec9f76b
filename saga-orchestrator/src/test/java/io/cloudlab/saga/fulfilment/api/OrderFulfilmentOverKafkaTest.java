package io.cloudlab.saga.fulfilment.api;

import io.cloudlab.contracts.inventory.InventoryReply;
import io.cloudlab.contracts.order.OrderReply;
import io.cloudlab.contracts.payment.PaymentReply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import io.cloudlab.support.testing.TestTopics;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.saga.fulfilment.messaging.RepliesConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.cloudlab.support.tenant.TenantTransactions;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The orchestrator over the real Kafka and PostgreSQL, with the test playing the three services: it reads
 * the commands the orchestrator sends and publishes the replies the services would. Step deadlines are 2 s here.
 */
@QuarkusTest
class OrderFulfilmentOverKafkaTest {

    final UUID tenant = UUID.randomUUID();
    KafkaPeers peers;

    @Inject
    MessageEdge messages;

    @Inject
    RepliesConsumer replies;

    @Inject
    Pool pool;

    @BeforeEach
    void peers() {
        peers = new KafkaPeers();
        peers.awaitOrchestratorListening();
    }

    @AfterEach
    void close() {
        peers.close();
    }

    RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TestTokens.token(tenant, "ops-1", "admin"));
    }

    String status(UUID order) {
        return admin().get("/sagas/" + Fulfilment.sagaIdOf(order)).then().extract().path("saga.status");
    }

    @Test
    void aPollOfRepliesMovesItsSagasInOneTransaction() {
        UUID first = peers.orderPlaced(tenant, "10.00");
        UUID second = peers.orderPlaced(tenant, "20.00");
        List<JsonObject> poll = List.of(
                KafkaPeers.replyEnvelope(peers.command(first, "ReserveStock"), new InventoryReply.StockReserved(List.of(), Instant.now())),
                KafkaPeers.replyEnvelope(peers.command(second, "ReserveStock"), new InventoryReply.StockReserved(List.of(), Instant.now())));

        messages.consumeAll(replies, poll.stream().map(JsonObject::encode).toList()).await().atMost(Duration.ofSeconds(30));

        peers.command(first, "AuthorizePayment");
        peers.command(second, "AuthorizePayment");
        long transactions = pool.preparedQuery("SELECT count(DISTINCT xmin::text) FROM event_store.processed_messages"
                        + " WHERE consumer_name = $1 AND message_id = ANY($2)")
                .execute(Tuple.of(Fulfilment.REPLIES, poll.stream().map(r -> UUID.fromString(r.getString("event_id")))
                        .toArray(UUID[]::new)))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        assertEquals(1, transactions, "both replies, and the sagas they moved, in one transaction");
    }

    @Test
    void anotherTenantsStaffNeitherSeeNorTouchASagaAndAPlatformOperatorDoes() {
        UUID order = peers.orderPlaced(tenant, "15.00");
        peers.command(order, "ReserveStock");
        UUID saga = Fulfilment.sagaIdOf(order);
        UUID otherTenant = UUID.randomUUID();
        RequestSpecification otherAdmin = given().header("Authorization", "Bearer " + TestTokens.token(otherTenant, "ops-2", "admin"));
        RequestSpecification otherSupport = given().header("Authorization", "Bearer " + TestTokens.token(otherTenant, "ops-3", "support"));

        otherSupport.get("/sagas").then().statusCode(200).body("sagas.saga_id", not(hasItem(saga.toString())));
        otherSupport.get("/sagas/stuck").then().statusCode(200).body("sagas.saga_id", not(hasItem(saga.toString())));
        otherSupport.queryParam("tenant_id", tenant.toString()).get("/sagas").then().statusCode(403);
        otherAdmin.get("/sagas/" + saga).then().statusCode(404);
        for (String action : List.of("retry", "skip", "compensate", "cancel")) {
            otherAdmin.contentType("application/json").body("{\"reason\":\"not mine\"}").post("/sagas/" + saga + "/" + action)
                    .then().statusCode(404);
        }
        assertEquals("started", status(order), "untouched by the other tenant's admin");

        RequestSpecification operator = given().header("Authorization", "Bearer " + TestTokens.operator());
        operator.queryParam("tenant_id", tenant.toString()).get("/sagas").then().statusCode(200)
                .body("sagas.saga_id", hasItem(saga.toString()));
        operator.get("/sagas/" + saga).then().statusCode(200).body("saga.tenant_id", is(tenant.toString()));
        // One order's sagas: in its tenant only; an operator names the tenant.
        operator.queryParam("order_id", order.toString()).queryParam("tenant_id", tenant.toString()).get("/sagas").then()
                .statusCode(200).body("sagas.saga_id", hasItem(saga.toString()));
        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("order_id", order.toString())
                .get("/sagas").then().statusCode(400).body("field", is("tenant_id"));
        otherAdmin.queryParam("order_id", order.toString()).get("/sagas").then().statusCode(200)
                .body("sagas.saga_id", not(hasItem(saga.toString())));
        operator.contentType("application/json").body("{\"reason\":\"operator test\"}").post("/sagas/" + saga + "/cancel")
                .then().statusCode(200).body("saga.status", is("failed"));

        // Every one of those actions is in the security audit log with who, what and how it ended.
        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("tenant_id", tenant.toString())
                .get("/admin/security-audit").then().statusCode(200)
                .body("records.findAll { it.target == '" + saga + "' && it.action == 'saga.cancel' && it.outcome == 'succeeded' }.actor",
                        hasItem("operator-1"))
                .body("records.find { it.target == '" + saga + "' && it.action == 'saga.cancel' && it.outcome == 'succeeded' }.detail",
                        is("operator test"));
        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("actor", "ops-2")
                .get("/admin/security-audit").then().statusCode(200)
                .body("records.findAll { it.target == '" + saga + "' && it.outcome == 'refused' }.action",
                        org.hamcrest.Matchers.containsInAnyOrder("saga.retry", "saga.skip", "saga.compensate", "saga.cancel"));
        // A refusal for the caller's role or token is recorded too (in batches: awaited).
        otherSupport.contentType("application/json").body("{}").post("/sagas/" + saga + "/retry").then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").get("/sagas").then().statusCode(401);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", "Bearer " + TestTokens.operator())
                .queryParam("actor", "ops-3").queryParam("action", "authorization.refused").get("/admin/security-audit")
                .then().statusCode(200).body("records.target", hasItem("POST /sagas/" + saga + "/retry")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", "Bearer " + TestTokens.operator())
                .queryParam("action", "authentication.failed").get("/admin/security-audit")
                .then().statusCode(200).body("records.target", hasItem("GET /sagas")));
        otherAdmin.get("/admin/security-audit").then().statusCode(403);
    }

    @Test
    void theSagaTablesShowATransactionOnlyItsTenantsRows() {
        UUID order = peers.orderPlaced(tenant, "16.00");
        peers.command(order, "ReserveStock");
        UUID saga = Fulfilment.sagaIdOf(order);
        String count = "SELECT (SELECT count(*) FROM saga.saga_instances WHERE saga_id = $1)"
                + " + (SELECT count(*) FROM saga.saga_steps WHERE saga_id = $1)";
        long asOwnTenant = TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery(count).execute(Tuple.of(saga)))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        long asAnother = TenantTransactions.inTenant(pool, UUID.randomUUID(), tx -> tx.preparedQuery(count).execute(Tuple.of(saga)))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        long asNone = pool.preparedQuery(count).execute(Tuple.of(saga)).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        assertEquals(2, asOwnTenant, "the saga and its first step");
        assertEquals(0, asAnother, "row-level security hides another tenant's saga");
        assertEquals(0, asNone, "and every saga from a transaction that entered no tenant");
    }

    @Test
    void anOrderGoesThroughEveryStepAndTheSagaCompletesFulfilled() {
        UUID order = peers.orderPlaced(tenant, "99.90");
        JsonObject reserve = peers.command(order, "ReserveStock");
        assertEquals(2, reserve.getJsonObject("data").getJsonArray("lines").getJsonObject(0).getInteger("quantity"));
        peers.reply(reserve, new InventoryReply.StockReserved(List.of(), Instant.now()));
        JsonObject authorize = peers.command(order, "AuthorizePayment");
        assertEquals("99.90", authorize.getJsonObject("data").getString("amount"));
        UUID payment = UUID.randomUUID();
        peers.reply(authorize, new PaymentReply.PaymentAuthorized(payment, new BigDecimal("10.00"), "EUR"));
        JsonObject confirm = peers.command(order, "ConfirmOrder");
        assertEquals(payment.toString(), confirm.getJsonObject("data").getString("payment_id"));
        peers.reply(confirm, new OrderReply.OrderConfirmed("paid"));
        peers.reply(peers.command(order, "CapturePayment"), new PaymentReply.PaymentCaptured(payment, new BigDecimal("10.00"), new BigDecimal("10.00")));
        peers.reply(peers.command(order, "CommitStock"), new InventoryReply.StockCommitted());

        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(status(order)));
        admin().get("/sagas/" + Fulfilment.sagaIdOf(order)).then().statusCode(200)
                .body("saga.outcome", is("fulfilled"))
                .body("payment_id", is(payment.toString()))
                .body("steps.size()", is(5))
                .body("steps.status", org.hamcrest.Matchers.everyItem(is("completed")));
    }

    @Test
    void aCancellationAskedWhileTheOrderIsFulfilledWaitsForItThenRefundsReturnsAndCancels() {
        UUID order = peers.orderPlaced(tenant, "99.90");
        peers.reply(peers.command(order, "ReserveStock"), new InventoryReply.StockReserved(List.of(), Instant.now()));
        UUID payment = UUID.randomUUID();
        peers.reply(peers.command(order, "AuthorizePayment"), new PaymentReply.PaymentAuthorized(payment, new BigDecimal("99.90"), "EUR"));
        peers.reply(peers.command(order, "ConfirmOrder"), new OrderReply.OrderConfirmed("paid"));
        JsonObject capture = peers.command(order, "CapturePayment");
        // Paid, the money still being captured: the customer cancels. The cancellation waits, begun by nothing yet,
        // so that it does not refund a capture still to come.
        UUID cancellation = UUID.randomUUID();
        peers.cancellationRequested(tenant, order, cancellation, payment, "99.90");
        peers.cancellationRequested(tenant, order, cancellation, payment, "99.90");
        await().atMost(Duration.ofSeconds(120)).until(() -> admin().get("/sagas/" + cancellation).statusCode() == 200);
        admin().get("/sagas/" + cancellation).then().body("saga.saga_type", is("order_cancellation"))
                .body("saga.status", is("started")).body("saga.current_step", is(0)).body("steps.size()", is(0));

        peers.reply(capture, new PaymentReply.PaymentCaptured(payment, new BigDecimal("99.90"), new BigDecimal("99.90")));
        peers.reply(peers.command(order, "CommitStock"), new InventoryReply.StockCommitted());
        JsonObject refund = peers.command(order, "RefundPayment");
        assertEquals(cancellation.toString(), refund.getJsonObject("data").getString("saga_id"));
        assertEquals(payment.toString(), refund.getJsonObject("data").getString("payment_id"));
        assertEquals("99.90", refund.getJsonObject("data").getString("amount"));
        peers.reply(refund, new PaymentReply.PaymentRefunded(payment, new BigDecimal("99.90"), false));
        peers.reply(peers.command(order, "ReturnStock"), new InventoryReply.StockReturned(true));
        JsonObject complete = peers.command(order, "CompleteCancellation");
        assertEquals("99.90", complete.getJsonObject("data").getString("refunded_amount"));
        peers.reply(complete, new OrderReply.CancellationCompleted("cancelled"));

        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(
                admin().get("/sagas/" + cancellation).then().extract().path("saga.status")));
        admin().get("/sagas/" + cancellation).then().body("saga.outcome", is("fulfilled"))
                .body("steps.step_type", org.hamcrest.Matchers.contains("refund_payment", "return_stock", "complete_cancellation"));
        assertEquals("completed", status(order), "the fulfilment ended first");
    }

    @Test
    void aDuplicateOrderPlacedStartsOneSagaAndADuplicateReplyMovesItOnce() {
        UUID order = peers.orderPlaced(tenant, "10.00");
        JsonObject reserve = peers.command(order, "ReserveStock");
        // The same OrderPlaced again, under another event id (a second publication), and the same reply twice.
        peers.send(TestTopics.of("cloudlab.order.events"), order, KafkaPeers.envelope(order, "Order", "OrderPlaced", tenant,
                new JsonObject().put("customer_id", "c").put("currency", "EUR").put("payment_method", "paypal")
                        .put("total_amount", "10.00").put("lines", new io.vertx.core.json.JsonArray())));
        peers.reply(reserve, new InventoryReply.StockReserved(List.of(), Instant.now()));
        peers.reply(reserve, new InventoryReply.StockReserved(List.of(), Instant.now()));
        peers.command(order, "AuthorizePayment");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        admin().get("/sagas/" + Fulfilment.sagaIdOf(order)).then()
                .body("steps.find { it.step_type == 'authorize_payment' }.retry_count", is(0))
                .body("steps.size()", is(2));
    }

    @Test
    void aSilentServiceGetsTheCommandAgainThenTheSagaCompensates() {
        UUID order = peers.orderPlaced(tenant, "10.00");
        JsonObject first = peers.command(order, "ReserveStock");
        JsonObject second = peers.command(order, "ReserveStock");
        org.junit.jupiter.api.Assertions.assertNotEquals(first.getString("event_id"), second.getString("event_id"),
                "each attempt is its own command");
        JsonObject third = peers.command(order, "ReserveStock");
        JsonObject release = peers.command(order, "ReleaseStock");
        // The first attempt's reply arrives now: too late to count.
        peers.reply(first, new InventoryReply.StockReserved(List.of(), Instant.now()));
        peers.reply(release, new InventoryReply.StockReleased(true));
        peers.reply(peers.command(order, "RejectOrder"), new OrderReply.OrderRejected("cancelled"));
        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(status(order)));
        admin().get("/sagas/" + Fulfilment.sagaIdOf(order)).then()
                .body("saga.outcome", is("compensated"))
                .body("steps.find { it.step_type == 'reserve_stock' }.status", is("failed"))
                .body("steps.find { it.step_type == 'reserve_stock' }.retry_count", is(2))
                .body("steps.find { it.step_type == 'reserve_stock' }.error_message",
                        org.hamcrest.Matchers.containsString("out of attempts"));
        org.junit.jupiter.api.Assertions.assertNotEquals(null, third);

        // The timeline's messages: each attempt its own command with its Kafka record, and the replies that came.
        io.restassured.response.Response messages = admin().get("/sagas/" + Fulfilment.sagaIdOf(order) + "/messages");
        messages.then().statusCode(200);
        List<java.util.Map<String, Object>> sent = messages.jsonPath().getList("$");
        assertEquals(List.of("ReserveStock", "ReserveStock", "ReserveStock", "ReleaseStock", "RejectOrder"),
                sent.stream().map(m -> m.get("command_type")).toList(), "every command, in the order sent");
        assertEquals(List.of(1, 2, 3), sent.stream().filter(m -> "reserve_stock".equals(m.get("step_type"))).map(m -> m.get("attempt")).toList());
        assertEquals(List.of(first.getString("event_id"), second.getString("event_id"), third.getString("event_id")),
                sent.subList(0, 3).stream().map(m -> m.get("command_id")).toList());
        for (java.util.Map<String, Object> m : sent) {
            java.util.Map<?, ?> record = (java.util.Map<?, ?>) m.get("command_record");
            org.junit.jupiter.api.Assertions.assertNotNull(record, "the command's Kafka record: " + m);
            assertEquals(TestTopics.of("cloudlab." + m.get("participant") + ".commands"), record.get("topic"));
        }
        java.util.Map<?, ?> lateReply = (java.util.Map<?, ?>) sent.get(0).get("reply");
        assertEquals("StockReserved", lateReply.get("reply_type"), "the first attempt's late reply is still its reply");
        assertEquals(TestTopics.of("cloudlab.saga.replies"), ((java.util.Map<?, ?>) lateReply.get("record")).get("topic"));
        assertEquals(null, sent.get(1).get("reply"), "the second attempt got none");
        assertEquals("OrderRejected", ((java.util.Map<?, ?>) sent.get(4).get("reply")).get("reply_type"));
        given().header("Authorization", "Bearer " + TestTokens.token(UUID.randomUUID(), "ops-9", "admin"))
                .get("/sagas/" + Fulfilment.sagaIdOf(order) + "/messages").then().statusCode(404);
    }

    @Test
    void operatorsListFindStuckSagasAndRetryAFailedOne() {
        UUID order = peers.orderPlaced(tenant, "10.00");
        peers.reply(peers.command(order, "ReserveStock"), 
                new InventoryReply.StockReservationRejected("insufficient_stock", UUID.randomUUID()));
        // The release is never answered: out of attempts, the saga fails for an operator.
        for (int i = 0; i < 3; i++) peers.command(order, "ReleaseStock");
        await().atMost(Duration.ofSeconds(120)).until(() -> "failed".equals(status(order)));
        String saga = Fulfilment.sagaIdOf(order).toString();
        admin().get("/sagas/stuck").then().statusCode(200).body("sagas.saga_id", hasItem(saga));
        admin().queryParam("status", "failed").get("/sagas").then().statusCode(200).body("sagas.saga_id", hasItem(saga));
        admin().contentType("application/json").body("{\"reason\": \"the stock service is back\"}")
                .post("/sagas/" + saga + "/retry").then().statusCode(200).body("saga.status", is("compensating"));
        peers.reply(peers.command(order, "ReleaseStock"), new InventoryReply.StockReleased(true));
        peers.reply(peers.command(order, "RejectOrder"), new OrderReply.OrderRejected("cancelled"));
        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(status(order)));
        admin().contentType("application/json").body("{}").post("/sagas/" + saga + "/retry").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void theOperatorApiIsForStaffOnly() {
        given().get("/sagas").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.token(tenant, "c", "customer")).get("/sagas").then().statusCode(403);
        admin().get("/sagas/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        admin().queryParam("status", "sideways").get("/sagas").then().statusCode(400).body("field", is("status"));
        admin().queryParam("older_than", "yesterday").get("/sagas").then().statusCode(400).body("field", is("older_than"));
    }
}

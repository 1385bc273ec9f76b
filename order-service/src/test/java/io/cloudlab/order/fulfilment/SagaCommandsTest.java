package io.cloudlab.order.fulfilment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.support.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The order service as a saga participant, through the shared participant edge: commands in on its topic,
 * typed replies appended with the effect, and a command it cannot read parked for an operator, who can retry
 * or skip it.
 */
@QuarkusTest
class SagaCommandsTest {

    static final String COMMANDS = TestTopics.of("cloudlab.order.commands");

    @Inject
    Pool pool;

    @Test
    void aConfirmationPaysTheOrderAndIsAnsweredOnce() {
        Storefront shop = new Storefront(pool);
        UUID order = placed(shop);
        UUID command = send(shop, order, "ConfirmOrder", confirm(order, UUID.randomUUID().toString(), "99.90"));
        JsonObject reply = awaitReply(shop, command);
        assertEquals("OrderConfirmed", reply.getString("event_type"));
        assertEquals("paid", reply.getJsonObject("data").getString("status"));
        assertEquals(command.toString(), reply.getJsonObject("data").getString("command_id"));
        assertEquals("ConfirmOrder", reply.getJsonObject("data").getString("command_type"));
        // The same command again changes nothing and is not answered twice.
        send(shop, order, command, "ConfirmOrder", confirm(order, UUID.randomUUID().toString(), "99.90"));
        UUID later = send(shop, order, "RejectOrder", reject(order));
        assertEquals("OrderRejectionFailed", awaitReply(shop, later).getString("event_type"));
        assertEquals(1, replies(shop, command));
    }

    @Test
    void whatTheOrderCannotTakeIsAFailureReply() {
        Storefront shop = new Storefront(pool);
        UUID unknown = UUID.randomUUID();
        JsonObject noOrder = awaitReply(shop, send(shop, unknown, "ConfirmOrder", confirm(unknown, UUID.randomUUID().toString(), "10.00")));
        assertEquals("OrderConfirmationRejected", noOrder.getString("event_type"));
        assertEquals("unknown_order", noOrder.getJsonObject("data").getString("reason"));

        UUID order = placed(shop);
        JsonObject noPayment = awaitReply(shop, send(shop, order, "ConfirmOrder", confirm(order, null, "99.90")));
        assertEquals("OrderConfirmationRejected", noPayment.getString("event_type"));
        assertEquals("pending_payment", noPayment.getJsonObject("data").getString("status"));
    }

    @Test
    void aCommandThatCannotBeReadIsParkedThenRetriedOrSkippedByAnOperator() {
        Storefront shop = new Storefront(pool);
        UUID order = placed(shop);
        // Money as a number breaks the contract: no retry can fix it, so it is parked, not dropped.
        UUID broken = send(shop, order, "ConfirmOrder", confirm(order, UUID.randomUUID().toString(), "99.90").put("amount", 99.9));
        UUID after = send(shop, order, "RejectOrder", reject(order));
        assertEquals("OrderRejected", awaitReply(shop, after).getString("event_type"), "the partition went on");
        assertEquals(0, replies(shop, broken));
        String parkedId = await().atMost(Duration.ofSeconds(120)).until(() -> shop.as(shop.adminToken())
                .get("/admin/parked-messages").then().statusCode(200).extract().jsonPath()
                .<String>getList("messages.findAll { it.message_id == '" + broken + "' }.parked_id"), l -> l.size() == 1).get(0);
        shop.as(shop.adminToken()).get("/admin/parked-messages/" + parkedId).then().statusCode(200)
                .body("consumer", is("order-service.saga-commands")).body("message_type", is("ConfirmOrder"))
                .body("error", containsString("amount"));
        // Another tenant's staff do not see it.
        new Storefront(pool).as(new Storefront(pool).adminToken()).get("/admin/parked-messages").then().statusCode(200)
                .body("messages.parked_id", not(hasItem(parkedId)));
        shop.as(shop.customerToken()).post("/admin/parked-messages/" + parkedId + "/skip").then().statusCode(403);

        shop.as(shop.adminToken()).post("/admin/parked-messages/" + parkedId + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("still cannot be applied"));
        shop.as(shop.adminToken()).get("/admin/parked-messages/" + parkedId).then().body("attempts", is(2));
        shop.as(shop.adminToken()).post("/admin/parked-messages/" + parkedId + "/skip").then().statusCode(200)
                .body("status", is("skipped")).body("resolved_by", is("admin-1"));
        shop.as(shop.adminToken()).post("/admin/parked-messages/" + parkedId + "/skip").then().statusCode(409);
        RestAssured.get("/q/metrics").then().body(containsString("cloudlab_parked_messages{consumer=\"order-service.saga-commands\""));
    }

    @Test
    void aParkedCommandWhoseCauseIsGoneIsAppliedOnRetry() {
        Storefront shop = new Storefront(pool);
        UUID order = placed(shop);
        // Parked earlier (say, before the order existed here), then retried by an operator.
        UUID command = UUID.randomUUID();
        UUID parkedId = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO event_store.parked_messages (parked_id, consumer_name, message_id, tenant_id,"
                        + " message_type, message, error) VALUES ($1, 'order-service.saga-commands', $2, $3, 'RejectOrder', $4, 'unknown_order')")
                .execute(Tuple.of(parkedId, command, shop.tenant, envelope(shop, order, command, "RejectOrder", reject(order))))
                .await().atMost(Duration.ofSeconds(120));
        shop.as(shop.adminToken()).post("/admin/parked-messages/" + parkedId + "/retry").then().statusCode(200)
                .body("status", is("retried"));
        assertEquals("OrderRejected", awaitReply(shop, command).getString("event_type"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                shop.as(shop.adminToken()).get("/orders/" + order).then().statusCode(200).body("status", is("cancelled")));
    }

    @Test
    void aPaidOrdersCancellationIsHeldWhenItsSagaStopsAndCompletedWithItsRefundOnce() {
        Storefront shop = new Storefront(pool);
        UUID order = placed(shop);
        String payment = UUID.randomUUID().toString();
        awaitReply(shop, send(shop, order, "ConfirmOrder", confirm(order, payment, "99.90")));
        String saga = shop.keyed(shop.customerToken()).body("{\"reason\":\"changed my mind\"}")
                .post("/orders/" + order + "/cancel").then().statusCode(202).extract().path("cancellation.saga_id");

        JsonObject held = awaitReply(shop, send(shop, order, "HoldOrder", base(order).put("reason", "refund_payment failed")));
        assertEquals("OrderHeld", held.getString("event_type"));
        assertEquals("paid", held.getJsonObject("data").getString("status"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> shop.as(shop.adminToken()).get("/orders/" + order)
                .then().body("held", is("refund_payment failed")));

        JsonObject done = awaitReply(shop, send(shop, order, "CompleteCancellation", base(order).put("refunded_amount", "99.90")));
        assertEquals("CancellationCompleted", done.getString("event_type"));
        assertEquals("cancelled", done.getJsonObject("data").getString("status"));
        // Another attempt of the step changes nothing.
        assertEquals("CancellationCompleted", awaitReply(shop, send(shop, order, "CompleteCancellation",
                base(order).put("refunded_amount", "99.90"))).getString("event_type"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> shop.as(shop.adminToken()).get("/orders/" + order)
                .then().body("status", is("cancelled")).body("refunded_amount", is("99.90"))
                .body("cancellation.status", is("completed")).body("cancellation.saga_id", is(saga))
                .body("held", org.hamcrest.Matchers.nullValue()));
        assertEquals(1, shop.count("SELECT count(*) FROM event_store.events WHERE aggregate_id = $1 AND event_type = 'OrderRefunded'",
                Tuple.of(order)));
    }

    @Test
    void aRefundIsRecordedOnceAndOnlyOneThatWasAskedFor() {
        Storefront shop = new Storefront(pool);
        UUID order = placed(shop);
        awaitReply(shop, send(shop, order, "ConfirmOrder", confirm(order, UUID.randomUUID().toString(), "99.90")));
        String refund = shop.keyed(shop.adminToken()).body("{\"amount\":\"30.00\",\"reason\":\"scratched\"}")
                .post("/orders/" + order + "/refund").then().statusCode(202).extract().path("refunds_under_way[0].saga_id");

        JsonObject unknown = awaitReply(shop, send(shop, order, "RecordRefund", base(order)
                .put("refund_id", UUID.randomUUID().toString()).put("amount", "30.00")));
        assertEquals("RefundRecordingFailed", unknown.getString("event_type"));
        JsonObject recorded = awaitReply(shop, send(shop, order, "RecordRefund", base(order).put("refund_id", refund).put("amount", "30.00")));
        assertEquals("RefundRecorded", recorded.getString("event_type"));
        assertEquals("RefundRecorded", awaitReply(shop, send(shop, order, "RecordRefund",
                base(order).put("refund_id", refund).put("amount", "30.00"))).getString("event_type"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> shop.as(shop.adminToken()).get("/orders/" + order)
                .then().body("status", is("paid")).body("refunded_amount", is("30.00"))
                .body("refunds_under_way", org.hamcrest.Matchers.empty()));
    }

    private UUID placed(Storefront shop) {
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        return UUID.fromString(shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id"));
    }

    private static JsonObject confirm(UUID order, String paymentId, String amount) {
        return base(order).put("payment_id", paymentId).put("amount", amount);
    }

    private static JsonObject reject(UUID order) {
        return base(order).put("reason", "no stock");
    }

    private static JsonObject base(UUID order) {
        return new JsonObject().put("saga_id", UUID.randomUUID().toString()).put("order_id", order.toString());
    }

    private UUID send(Storefront shop, UUID order, String type, JsonObject data) {
        return send(shop, order, UUID.randomUUID(), type, data);
    }

    private UUID send(Storefront shop, UUID order, UUID command, String type, JsonObject data) {
        Properties config = new Properties();
        config.putAll(Map.of("bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // One key per order: its commands stay in order on one partition, as the orchestrator's do.
            producer.send(new ProducerRecord<>(COMMANDS, order.toString(), envelope(shop, order, command, type, data))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return command;
    }

    private static String envelope(Storefront shop, UUID order, UUID command, String type, JsonObject data) {
        return new JsonObject().put("event_id", command.toString()).put("aggregate_id", order.toString())
                .put("aggregate_type", "OrderCommand").put("event_type", type).put("event_version", 1)
                .put("schema_version", 1).put("position", 0).put("created_at", Instant.now().toString())
                .put("metadata", new JsonObject().put("tenant_id", shop.tenant.toString())
                        .put("correlation_id", UUID.randomUUID().toString()))
                .put("data", data).encode();
    }

    private JsonObject awaitReply(Storefront shop, UUID command) {
        return await().atMost(Duration.ofSeconds(120)).until(() -> reply(shop, command), r -> r != null);
    }

    private JsonObject reply(Storefront shop, UUID command) {
        return io.cloudlab.support.tenant.TenantTransactions.inTenant(pool, shop.tenant, tx -> tx.preparedQuery(
                        "SELECT event_type, event_data FROM event_store.events WHERE aggregate_type = 'saga-reply.order-service'"
                                + " AND event_data->>'command_id' = $1").execute(Tuple.of(command.toString())))
                .map(rows -> rows.size() == 0 ? null : new JsonObject().put("event_type", rows.iterator().next().getString("event_type"))
                        .put("data", (JsonObject) rows.iterator().next().getJson("event_data")))
                .await().atMost(Duration.ofSeconds(120));
    }

    private long replies(Storefront shop, UUID command) {
        return shop.count("SELECT count(*) FROM event_store.events WHERE aggregate_type = 'saga-reply.order-service'"
                + " AND event_data->>'command_id' = $1", Tuple.of(command.toString()));
    }
}

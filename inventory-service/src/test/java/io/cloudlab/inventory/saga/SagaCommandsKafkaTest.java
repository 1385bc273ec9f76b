package io.cloudlab.inventory.saga;

import io.cloudlab.support.testing.TestTopics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.support.messaging.MessageEdge;
import io.cloudlab.support.saga.ParticipantEdge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's side of the inventory as the orchestrator sees it: command envelopes published on
 * cloudlab.inventory.commands (built by hand, as the store's relay publishes them), replies read off
 * cloudlab.saga.replies from the end offsets taken before publishing, the effect read from the database.
 */
@QuarkusTest
class SagaCommandsKafkaTest extends InventoryTestBase {

    static final String COMMANDS = TestTopics.of("cloudlab.inventory.commands");
    static final String REPLIES = TestTopics.of("cloudlab.saga.replies");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    MeterRegistry registry;

    @Inject
    ParticipantEdge participant;

    @Inject
    MessageEdge messages;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    final UUID saga = UUID.randomUUID();
    final UUID order = UUID.randomUUID();
    KafkaProducer<String, String> producer;
    KafkaConsumer<String, String> replies;
    /** Every reply of this test's tenant read so far, in the order read. */
    final List<JsonObject> received = new ArrayList<>();

    @BeforeEach
    void connect() {
        producer = producer();
        replies = consumer();
        List<TopicPartition> partitions = replies.partitionsFor(REPLIES, Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(REPLIES, p.partition())).toList();
        replies.assign(partitions);
        replies.seekToEnd(partitions);
        partitions.forEach(replies::position); // the end offsets now, before anything is published
    }

    @AfterEach
    void disconnect() {
        producer.close(Duration.ofSeconds(5));
        replies.close(Duration.ofSeconds(5));
    }

    @Test
    void reserveStockHoldsEveryLineAndRepliesStockReserved() {
        UUID a = create("Saga kettle", 5);
        UUID b = create("Saga teapot", 2);

        String command = command("ReserveStock", order, new JsonObject().put("lines", lines(a, 2, b, 2)));
        JsonObject reply = replyTo(publish(command));

        assertEquals("StockReserved", reply.getString("event_type"));
        JsonObject data = reply.getJsonObject("data");
        assertEquals(lines(a, 2, b, 2), data.getJsonArray("lines"));
        Instant expiresAt = Instant.parse(data.getString("expires_at"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(14))), "held for the TTL: " + expiresAt);
        assertEquals(saga.toString(), data.getString("saga_id"));
        assertEquals(order.toString(), data.getString("order_id"));
        assertEquals("ReserveStock", data.getString("command_type"));
        assertEquals(tenant.toString(), reply.getJsonObject("metadata").getString("tenant_id"));
        assertEquals(commandId(command).toString(), reply.getJsonObject("metadata").getString("causation_id"));

        assertArrayEquals(new int[] {3, 2}, stock(a));
        assertArrayEquals(new int[] {0, 2}, stock(b));
        assertEquals("active", single("SELECT string_agg(DISTINCT status, ',') FROM inventory.reservations"
                + " WHERE order_id = $1", Tuple.of(order)).getString(0));
        RecordedEvent reserved = last(a);
        assertEquals("StockReserved", reserved.eventType());
        assertEquals(order.toString(), reserved.data().getString("order_id"));
        assertEquals(expiresAt.toString(), reserved.data().getString("expires_at"));
    }

    @Test
    void aRefusalRepliesStockReservationRejectedAndHoldsNothing() {
        UUID enough = create("Plenty", 5);
        UUID scarce = create("Scarce", 1);
        UUID retired = create("Retired", 5);
        keyed(vendor()).when().post("/products/" + retired + "/retire").then().statusCode(200);
        UUID unknown = UUID.randomUUID();
        Map<String, Long> before = productFootprint();

        JsonObject noStock = replyTo(publish(command("ReserveStock", order,
                new JsonObject().put("lines", lines(enough, 2, scarce, 3)))));
        JsonObject notThere = replyTo(publish(command("ReserveStock", order,
                new JsonObject().put("lines", lines(enough, 1, unknown, 1)))));
        JsonObject gone = replyTo(publish(command("ReserveStock", order,
                new JsonObject().put("lines", lines(retired, 1)))));

        assertRejected(noStock, "insufficient_stock", scarce);
        assertRejected(notThere, "unknown_product", unknown);
        assertRejected(gone, "product_retired", retired);
        assertEquals(before, productFootprint(), "nothing reserved, no product event");
        assertArrayEquals(new int[] {5, 0}, stock(enough));
        assertArrayEquals(new int[] {1, 0}, stock(scarce));
    }

    @Test
    void theSameCommandPublishedTwiceTakesEffectOnceAndIsAnsweredOnce() {
        UUID a = create("Twice kettle", 5);
        String command = command("ReserveStock", order, new JsonObject().put("lines", lines(a, 2)));
        UUID id = commandId(command);

        double duplicatesBefore = duplicates("ReserveStock");
        publish(command);
        publish(command);
        assertEquals("StockReserved", replyTo(id).getString("event_type"));
        // Same key, same partition, handled in order: once this one is answered, both copies were handled.
        replyTo(publish(command("ReleaseStock", UUID.randomUUID(), new JsonObject())));

        assertEquals(1, repliesTo(id), "one reply on " + REPLIES);
        assertEquals(1, count("SELECT count(*) FROM event_store.events WHERE aggregate_type = 'saga-reply.inventory-service'"
                + " AND event_data->>'command_id' = '" + id + "'"));
        assertArrayEquals(new int[] {3, 2}, stock(a), "reserved once");
        // The inbox, not the store's replay detection behind it, turned the copy away.
        assertEquals(duplicatesBefore + 1, duplicates("ReserveStock"));
        assertEquals(1, count("SELECT count(*) FROM event_store.processed_messages"
                + " WHERE consumer_name = 'inventory.saga-commands' AND message_id = '" + id + "'"));
        assertEquals(1, store.load(tenant, a).await().atMost(WAIT).events().stream()
                .filter(e -> e.eventType().equals("StockReserved")).count());
    }

    @Test
    void aCommandRedeliveredAfterItsEffectChangesNothing() {
        UUID a = create("Redelivered kettle", 5);
        String reserve = command("ReserveStock", order, new JsonObject().put("lines", lines(a, 2)));
        replyTo(publish(reserve));
        JsonObject released = replyTo(publish(command("ReleaseStock", order, new JsonObject())));
        assertEquals(new JsonObject().put("released", true), fields(released));
        assertArrayEquals(new int[] {5, 0}, stock(a));
        Map<String, Long> before = productFootprint();

        // The first ReserveStock again (a redelivery): were it applied, it would hold the units anew.
        double duplicatesBefore = duplicates("ReserveStock");
        publish(reserve);
        replyTo(publish(command("CommitStock", order, new JsonObject())));

        assertEquals(1, repliesTo(commandId(reserve)));
        assertEquals(duplicatesBefore + 1, duplicates("ReserveStock"));
        assertArrayEquals(new int[] {5, 0}, stock(a));
        assertEquals(before, productFootprint());
        assertEquals("released", single("SELECT status FROM inventory.reservations WHERE order_id = $1",
                Tuple.of(order)).getString(0));
    }

    @Test
    void aNewAttemptOfTheStepAnswersTheHoldAgainWithoutReservingTwice() {
        UUID a = create("Attempt kettle", 5);
        JsonObject lines = new JsonObject().put("lines", lines(a, 2));
        JsonObject first = replyTo(publish(command("ReserveStock", order, lines)));
        JsonObject second = replyTo(publish(command("ReserveStock", order, lines)));

        assertEquals("StockReserved", second.getString("event_type"));
        assertEquals(fields(first), fields(second));
        assertArrayEquals(new int[] {3, 2}, stock(a));
    }

    @Test
    void aHoldThatRanOutIsExpiredAndReplacedByANewAttempt() {
        UUID a = create("Expired kettle", 5);
        JsonObject lines = new JsonObject().put("lines", lines(a, 2));
        replyTo(publish(command("ReserveStock", order, lines)));
        execute("UPDATE inventory.reservations SET expires_at = now() - interval '1 minute' WHERE order_id = $1",
                Tuple.of(order));

        JsonObject again = replyTo(publish(command("ReserveStock", order, lines)));

        assertEquals("StockReserved", again.getString("event_type"));
        assertTrue(Instant.parse(again.getJsonObject("data").getString("expires_at")).isAfter(Instant.now()));
        assertArrayEquals(new int[] {3, 2}, stock(a), "the old hold given back, the new one held");
        assertEquals(List.of("ProductCreated", "StockReserved", "StockReleased", "StockReserved"),
                store.load(tenant, a).await().atMost(WAIT).events().stream().map(RecordedEvent::eventType).toList());
        assertEquals("expired", last(a, 2).data().getString("reason"));
    }

    @Test
    void releaseStockGivesTheUnitsBackAndIsIdempotent() {
        UUID a = create("Release kettle", 5);
        replyTo(publish(command("ReserveStock", order, new JsonObject().put("lines", lines(a, 4)))));

        JsonObject first = replyTo(publish(command("ReleaseStock", order, new JsonObject())));
        JsonObject second = replyTo(publish(command("ReleaseStock", order, new JsonObject())));
        JsonObject none = replyTo(publish(command("ReleaseStock", UUID.randomUUID(), new JsonObject())));

        assertEquals("StockReleased", first.getString("event_type"));
        assertEquals(new JsonObject().put("released", true), fields(first));
        assertEquals(new JsonObject().put("released", false), fields(second));
        assertEquals(new JsonObject().put("released", false), fields(none));
        assertArrayEquals(new int[] {5, 0}, stock(a));
        assertEquals("released", last(a).data().getString("reason"));
    }

    @Test
    void commitStockSellsTheHoldOrSaysWhyNot() {
        UUID a = create("Commit kettle", 5);
        replyTo(publish(command("ReserveStock", order, new JsonObject().put("lines", lines(a, 2)))));

        JsonObject committed = replyTo(publish(command("CommitStock", order, new JsonObject())));
        JsonObject again = replyTo(publish(command("CommitStock", order, new JsonObject())));
        assertEquals("StockCommitted", committed.getString("event_type"));
        assertEquals(new JsonObject(), fields(committed));
        assertEquals("StockCommitted", again.getString("event_type"));
        assertArrayEquals(new int[] {3, 0}, stock(a), "sold once");
        assertEquals("StockCommitted", last(a).eventType());
        // Releasing what is sold releases nothing.
        assertEquals(new JsonObject().put("released", false),
                fields(replyTo(publish(command("ReleaseStock", order, new JsonObject())))));

        assertCommitFailed(UUID.randomUUID(), "no_active_reservation");
        UUID releasedOrder = UUID.randomUUID();
        replyTo(publish(command("ReserveStock", releasedOrder, new JsonObject().put("lines", lines(a, 1)))));
        replyTo(publish(command("ReleaseStock", releasedOrder, new JsonObject())));
        assertCommitFailed(releasedOrder, "released");
        UUID expiredOrder = UUID.randomUUID();
        replyTo(publish(command("ReserveStock", expiredOrder, new JsonObject().put("lines", lines(a, 1)))));
        execute("UPDATE inventory.reservations SET expires_at = now() - interval '1 minute' WHERE order_id = $1",
                Tuple.of(expiredOrder));
        assertCommitFailed(expiredOrder, "expired");
        int[] after = stock(a);
        // The expired hold is given back by the job (maybe already), never sold.
        assertEquals(3, after[0] + after[1], "nothing sold but the first order's 2 units");
    }

    @Test
    void returnStockPutsSoldUnitsBackOnSaleReleasesAHoldAndIsIdempotent() {
        UUID a = create("Return kettle", 5);
        replyTo(publish(command("ReserveStock", order, new JsonObject().put("lines", lines(a, 2)))));
        replyTo(publish(command("CommitStock", order, new JsonObject())));
        assertArrayEquals(new int[] {3, 0}, stock(a), "sold");

        JsonObject returned = replyTo(publish(command("ReturnStock", order, new JsonObject())));
        JsonObject again = replyTo(publish(command("ReturnStock", order, new JsonObject())));
        assertEquals("StockReturned", returned.getString("event_type"));
        assertEquals(new JsonObject().put("returned", true), fields(returned));
        assertEquals(new JsonObject().put("returned", false), fields(again), "a second attempt returns nothing more");
        assertArrayEquals(new int[] {5, 0}, stock(a), "back on sale, once");
        assertEquals("UnitsReturned", last(a).eventType());
        assertEquals(2, last(a).data().getInteger("quantity"));
        // Returned units are not sold again by a late commit.
        assertCommitFailed(order, "released");

        UUID held = UUID.randomUUID();
        replyTo(publish(command("ReserveStock", held, new JsonObject().put("lines", lines(a, 1)))));
        assertEquals(new JsonObject().put("returned", true),
                fields(replyTo(publish(command("ReturnStock", held, new JsonObject())))));
        assertArrayEquals(new int[] {5, 0}, stock(a), "a hold is released");
        assertEquals(new JsonObject().put("returned", false),
                fields(replyTo(publish(command("ReturnStock", UUID.randomUUID(), new JsonObject())))), "nothing held");
    }

    @Test
    void aPollOfCommandsIsAppliedInOneTransaction() {
        UUID a = create("Batch kettle", 10);
        List<String> poll = new ArrayList<>();
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID o : orders) poll.add(command("ReserveStock", o, new JsonObject().put("lines", lines(a, 2))));
        List<UUID> ids = poll.stream().map(SagaCommandsKafkaTest::commandId).toList();

        messages.consumeAll(participant, poll).await().atMost(WAIT);

        for (UUID id : ids) assertEquals("StockReserved", replyTo(id).getString("event_type"));
        assertArrayEquals(new int[] {4, 6}, stock(a));
        // One transaction wrote the three inbox rows (and with them the effects and replies).
        assertEquals(1, count("SELECT count(DISTINCT xmin::text) FROM event_store.processed_messages"
                + " WHERE consumer_name = 'inventory.saga-commands' AND message_id IN ('" + ids.get(0) + "', '"
                + ids.get(1) + "', '" + ids.get(2) + "')"));
    }

    @Test
    void aPollWithAnUnreadableCommandAppliesTheOthersAndParksThatOne() {
        UUID a = create("Batch teapot", 10);
        String first = command("ReserveStock", UUID.randomUUID(), new JsonObject().put("lines", lines(a, 1)));
        String bad = command("ReserveStock", UUID.randomUUID(), new JsonObject().put("lines",
                new JsonArray().add(new JsonObject().put("product_id", a.toString()).put("quantity", 1.5))));
        String last = command("ReserveStock", UUID.randomUUID(), new JsonObject().put("lines", lines(a, 3)));

        messages.consumeAll(participant, List.of(first, bad, last)).await().atMost(WAIT);

        assertEquals("StockReserved", replyTo(commandId(first)).getString("event_type"));
        assertEquals("StockReserved", replyTo(commandId(last)).getString("event_type"));
        assertEquals(0, repliesTo(commandId(bad)));
        assertEquals("parked", parkedStatus(commandId(bad)));
        assertArrayEquals(new int[] {6, 4}, stock(a));
    }

    @Test
    void unreadableMessagesAndOtherServicesCommandsAreParkedWithoutReply() {
        UUID a = create("Skipped kettle", 5);
        UUID unknownType = UUID.randomUUID();
        String unknown = envelope(unknownType, "AuthorizePayment", order, new JsonObject());
        String badLines = command("ReserveStock", order, new JsonObject().put("lines",
                new JsonArray().add(new JsonObject().put("product_id", a.toString()).put("quantity", 1.5))));
        producer.send(new ProducerRecord<>(COMMANDS, saga.toString(), "{not json"));
        producer.send(new ProducerRecord<>(COMMANDS, saga.toString(), "{\"event_id\": \"x\"}"));
        publish(unknown);
        publish(badLines);

        // Still consuming: a later command of the same saga (same partition) is answered.
        assertEquals("StockReserved", replyTo(publish(command("ReserveStock", order,
                new JsonObject().put("lines", lines(a, 1))))).getString("event_type"));
        assertEquals(0, repliesTo(unknownType));
        assertEquals(0, repliesTo(commandId(badLines)));
        assertArrayEquals(new int[] {4, 1}, stock(a));
        // Not dropped: parked for an operator, with why.
        assertEquals("parked", parkedStatus(unknownType));
        assertEquals("parked", parkedStatus(commandId(badLines)));
    }

    private String parkedStatus(UUID messageId) {
        var rows = pool.preparedQuery("SELECT status FROM event_store.parked_messages WHERE consumer_name = $1"
                + " AND message_id = $2").execute(io.vertx.mutiny.sqlclient.Tuple.of("inventory.saga-commands", messageId))
                .await().atMost(Duration.ofSeconds(120));
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    /** Redeliveries of the command counted so far (the timer's outcome "duplicate"). */
    private double duplicates(String command) {
        Timer timer = registry.find("cloudlab_saga_commands")
                .tags("participant", "inventory", "command", command, "outcome", "duplicate").timer();
        return timer == null ? 0 : timer.count();
    }

    private void assertCommitFailed(UUID orderId, String reason) {
        JsonObject reply = replyTo(publish(command("CommitStock", orderId, new JsonObject())));
        assertEquals("StockCommitFailed", reply.getString("event_type"));
        assertEquals(new JsonObject().put("reason", reason), fields(reply));
    }

    private static void assertRejected(JsonObject reply, String reason, UUID productId) {
        assertEquals("StockReservationRejected", reply.getString("event_type"));
        assertEquals(new JsonObject().put("reason", reason).put("product_id", productId.toString()), fields(reply));
    }

    /** The reply's own fields, without what SagaReplies adds to every reply. */
    private static JsonObject fields(JsonObject reply) {
        JsonObject data = reply.getJsonObject("data").copy();
        List.of("saga_id", "command_id", "command_type", "order_id").forEach(data::remove);
        return data;
    }

    /** What an effect changes: the products' rows and streams (replies and inbox rows aside). */
    private Map<String, Long> productFootprint() {
        return Map.of(
                "reservations", count("SELECT count(*) FROM inventory.reservations"),
                "stock", count("SELECT coalesce(sum(available * 1000 + reserved), 0) FROM inventory.stock_levels"),
                "product_events", count("SELECT count(*) FROM event_store.events WHERE aggregate_type = 'Product'"));
    }

    private RecordedEvent last(UUID productId) {
        return last(productId, 1);
    }

    /** The {@code back}-th last event of the product's stream. */
    private RecordedEvent last(UUID productId, int back) {
        List<RecordedEvent> events = store.load(tenant, productId).await().atMost(WAIT).events();
        return events.get(events.size() - back);
    }

    private static JsonArray lines(Object... productAndQuantity) {
        JsonArray lines = new JsonArray();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.add(new JsonObject().put("product_id", productAndQuantity[i].toString())
                    .put("quantity", productAndQuantity[i + 1]));
        }
        return lines;
    }

    /** A new command (its own id, i.e. a new attempt) of this test's saga. */
    private String command(String type, UUID orderId, JsonObject fields) {
        return envelope(UUID.randomUUID(), type, orderId, fields);
    }

    /** The relay's envelope, as the orchestrator's commands arrive. */
    private String envelope(UUID commandId, String type, UUID orderId, JsonObject fields) {
        return new JsonObject()
                .put("event_id", commandId.toString())
                .put("aggregate_id", saga.toString())
                .put("aggregate_type", "FulfilmentSaga")
                .put("event_type", type)
                .put("event_version", 1)
                .put("schema_version", 1)
                .put("position", 0)
                .put("created_at", Instant.now().toString())
                .put("metadata", new JsonObject().put("tenant_id", tenant.toString()).put("correlation_id", orderId.toString()))
                .put("data", fields.copy().put("saga_id", saga.toString()).put("order_id", orderId.toString()))
                .encode();
    }

    private static UUID commandId(String envelope) {
        return UUID.fromString(new JsonObject(envelope).getString("event_id"));
    }

    /** Publishes keyed by the saga's stream, as the relay does, and answers the command id. */
    private UUID publish(String envelope) {
        try {
            producer.send(new ProducerRecord<>(COMMANDS, saga.toString(), envelope)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish to " + COMMANDS, e);
        }
        return commandId(envelope);
    }

    /** Waits (30 s at most) for the reply to the command. */
    private JsonObject replyTo(UUID commandId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject reply : received) {
                if (commandId.toString().equals(reply.getJsonObject("data").getString("command_id"))) return reply;
            }
            poll();
        }
        throw new AssertionError("no reply to command " + commandId + " on " + REPLIES + " within " + WAIT);
    }

    /** How many replies to the command were read so far (after a later command's reply, all that came). */
    private long repliesTo(UUID commandId) {
        poll();
        return received.stream()
                .filter(r -> commandId.toString().equals(r.getJsonObject("data").getString("command_id"))).count();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : replies.poll(Duration.ofMillis(300))) {
            JsonObject reply = new JsonObject(record.value());
            if (tenant.toString().equals(reply.getJsonObject("metadata").getString("tenant_id"))) received.add(reply);
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "inventory-saga-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}

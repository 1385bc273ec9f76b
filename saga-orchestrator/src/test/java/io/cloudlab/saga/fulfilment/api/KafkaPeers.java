package io.cloudlab.saga.fulfilment.api;

import io.cloudlab.contracts.SagaReply;
import io.cloudlab.contracts.Wire;
import io.cloudlab.contracts.inventory.InventoryReply;
import io.cloudlab.support.saga.SagaReplies;
import io.cloudlab.support.testing.TestTopics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The services around the orchestrator, played by the test over the real Kafka: it publishes OrderPlaced
 * and replies as the services' relays would, and reads the commands the orchestrator sends.
 */
final class KafkaPeers implements AutoCloseable {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, byte[]> commands;
    private final List<JsonObject> received = new ArrayList<>();

    KafkaPeers() {
        Properties p = new Properties();
        p.putAll(Map.of("bootstrap.servers", BOOTSTRAP, "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.putAll(Map.of("bootstrap.servers", BOOTSTRAP, "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false",
                "group.id", "saga-test-" + UUID.randomUUID()));
        commands = new KafkaConsumer<>(c);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(TestTopics.of("cloudlab.inventory.commands"), TestTopics.of("cloudlab.payment.commands"),
                TestTopics.of("cloudlab.order.commands"))) {
            commands.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        commands.assign(partitions);
        commands.seekToEnd(partitions);
        partitions.forEach(commands::position);
    }

    /**
     * The orchestrator reads from the newest offsets once its consumers are assigned their partitions,
     * which happens some time after it starts: place a probe order (again, until it is seen) and answer its
     * first command, until both the OrderPlaced and the replies consumers have shown they listen.
     */
    void awaitOrchestratorListening() {
        if (listening) return;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            UUID probe = orderPlaced(UUID.randomUUID(), "1.00");
            JsonObject reserve = poll(probe, "ReserveStock", Duration.ofSeconds(3));
            if (reserve == null) continue;
            for (int i = 0; i < 10; i++) {
                reply(reserve, new InventoryReply.StockReservationRejected("probe", UUID.randomUUID()));
                if (poll(probe, "ReleaseStock", Duration.ofSeconds(2)) != null) {
                    listening = true;
                    return;
                }
            }
        }
        throw new AssertionError("the orchestrator did not start listening within 60 s");
    }

    private static volatile boolean listening;

    /** Publishes OrderPlaced as order-service's relay would; returns the order id. */
    UUID orderPlaced(UUID tenant, String total) {
        UUID order = UUID.randomUUID();
        JsonObject data = new JsonObject().put("order_number", "ORD-TEST").put("customer_id", "customer-1")
                .put("currency", "EUR").put("payment_method", "paypal").putNull("payment_method_id")
                .put("lines", new JsonArray().add(new JsonObject().put("product_id", UUID.randomUUID().toString())
                        .put("product_name", "Keyboard").put("quantity", 2).put("unit_price", "49.95")))
                .put("total_amount", total);
        send(TestTopics.of("cloudlab.order.events"), order, envelope(order, "Order", "OrderPlaced", tenant, data));
        return order;
    }

    /** The order service's OrderCancellationRequested for a paid order, as its relay publishes it. */
    void cancellationRequested(UUID tenant, UUID order, UUID cancellation, UUID payment, String amount) {
        JsonObject data = new JsonObject().put("cancellation_id", cancellation.toString()).put("reason", "changed my mind")
                .put("requested_by", "customer-1").put("payment_id", payment.toString()).put("amount", amount)
                .put("currency", "EUR").put("customer_id", "customer-1");
        send(TestTopics.of("cloudlab.order.events"), order, envelope(order, "Order", "OrderCancellationRequested", tenant, data));
    }

    /** Publishes a service's reply to a command, as its relay would. */
    void reply(JsonObject command, SagaReply reply) {
        JsonObject envelope = replyEnvelope(command, reply);
        send(TestTopics.of("cloudlab.saga.replies"), UUID.fromString(envelope.getString("aggregate_id")), envelope);
    }

    /** A service's reply to a command as its relay would publish it. */
    static JsonObject replyEnvelope(JsonObject command, SagaReply reply) {
        String type = Wire.typeOf(reply);
        JsonObject data = new JsonObject(Wire.fields(reply)).put("saga_id", command.getJsonObject("data").getString("saga_id"))
                .put("command_id", command.getString("event_id")).put("command_type", command.getString("event_type"))
                .put("order_id", command.getJsonObject("data").getString("order_id"));
        UUID tenant = UUID.fromString(command.getJsonObject("metadata").getString("tenant_id"));
        // The stream and event ids a participant gives the one reply to a command.
        UUID commandId = UUID.fromString(command.getString("event_id"));
        return envelope(SagaReplies.streamOf(commandId), "saga-reply.test", type, tenant, data)
                .put("event_id", SagaReplies.eventIdOf(commandId).toString());
    }

    /** Sends the same message again: a redelivery. */
    void send(String topic, UUID key, JsonObject envelope) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(), envelope.encode());
            record.headers().add("event_id", envelope.getString("event_id").getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next command for this order that the orchestrator sent (waits up to 20 s). */
    JsonObject command(UUID order, Predicate<JsonObject> which) {
        JsonObject found = poll(order, which, Duration.ofSeconds(20));
        if (found == null) throw new AssertionError("no such command for order " + order + "; seen " + received.size() + " others");
        return found;
    }

    private JsonObject poll(UUID order, String type, Duration wait) {
        return poll(order, c -> type.equals(c.getString("event_type")), wait);
    }

    private JsonObject poll(UUID order, Predicate<JsonObject> which, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject c : received) {
                if (order.toString().equals(c.getJsonObject("data").getString("order_id")) && which.test(c)) {
                    received.remove(c);
                    return c;
                }
            }
            for (ConsumerRecord<String, byte[]> r : commands.poll(Duration.ofMillis(200))) {
                received.add(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        return null;
    }

    JsonObject command(UUID order, String type) {
        return command(order, c -> type.equals(c.getString("event_type")));
    }

    static JsonObject envelope(UUID aggregate, String aggregateType, String type, UUID tenant, JsonObject data) {
        return new JsonObject().put("event_id", UUID.randomUUID().toString()).put("aggregate_id", aggregate.toString())
                .put("aggregate_type", aggregateType).put("event_type", type).put("event_version", 1)
                .put("schema_version", 1).put("position", 0).put("created_at", Instant.now().toString())
                .put("metadata", new JsonObject().put("tenant_id", tenant.toString())
                        .put("correlation_id", UUID.randomUUID().toString()))
                .put("data", data);
    }

    @Override
    public void close() {
        producer.close();
        commands.close();
    }
}

package io.cloudlab.payment.payment.saga;

import io.vertx.core.json.JsonObject;
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

/**
 * The orchestrator's side, by hand: command envelopes as the store's relay writes them, published to
 * cloudlab.payment.commands; replies read from cloudlab.saga.replies from the end offsets taken at creation.
 */
final class SagaKafka implements AutoCloseable {

    // The platform's optional topic prefix (KAFKA_TOPIC_PREFIX), so that test runs can keep to topics of their own.
    static final String PREFIX = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("cloudlab.kafka.topic-prefix", String.class).orElse("");
    static final String COMMANDS = PREFIX + "cloudlab.payment.commands";
    static final String REPLIES = PREFIX + "cloudlab.saga.replies";

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> replies;
    private final List<JsonObject> received = new ArrayList<>();

    SagaKafka(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-saga-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        replies = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = replies.partitionsFor(REPLIES, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(REPLIES, i.partition())).toList();
        replies.assign(partitions);
        Map<TopicPartition, Long> end = replies.endOffsets(partitions, Duration.ofSeconds(10));
        end.forEach(replies::seek);
    }

    /** One saga's commands for one tenant: same key (the saga), so they arrive in order on one partition. */
    record Saga(UUID tenant, UUID sagaId, UUID orderId) {
        static Saga create(UUID tenant) {
            return new Saga(tenant, UUID.randomUUID(), UUID.randomUUID());
        }

        JsonObject command(UUID commandId, String type, JsonObject fields) {
            JsonObject data = fields.copy().put("saga_id", sagaId.toString()).put("order_id", orderId.toString());
            return new JsonObject().put("event_id", commandId.toString()).put("aggregate_id", sagaId.toString())
                    .put("aggregate_type", "PaymentCommand").put("event_type", type).put("event_version", 1)
                    .put("schema_version", 1).put("position", 0).put("created_at", Instant.now().toString())
                    .put("metadata", new JsonObject().put("tenant_id", tenant.toString()).put("correlation_id", sagaId.toString()))
                    .put("data", data);
        }
    }

    void publish(Saga saga, String value) {
        try {
            producer.send(new ProducerRecord<>(COMMANDS, saga.sagaId().toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the command and returns its id. */
    UUID send(Saga saga, String type, JsonObject fields) {
        UUID commandId = UUID.randomUUID();
        publish(saga, saga.command(commandId, type, fields).encode());
        return commandId;
    }

    /** The reply envelope to the command (30 s at most). */
    JsonObject awaitReply(UUID commandId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> found = repliesTo(commandId);
            if (!found.isEmpty()) return found.get(0);
            poll();
        }
        throw new AssertionError("no reply to command " + commandId + " within 30 s");
    }

    /**
     * Every distinct reply received so far to the command. Distinct by event id: each service that relays
     * SagaReply events publishes every service's replies (see the doc), so a reply may arrive more than once.
     */
    List<JsonObject> repliesTo(UUID commandId) {
        Map<String, JsonObject> byEventId = new java.util.LinkedHashMap<>();
        for (JsonObject r : received) {
            if (commandId.toString().equals(r.getJsonObject("data").getString("command_id"))) {
                byEventId.putIfAbsent(r.getString("event_id"), r);
            }
        }
        return new ArrayList<>(byEventId.values());
    }

    void poll() {
        for (ConsumerRecord<String, String> r : replies.poll(Duration.ofMillis(200))) received.add(new JsonObject(r.value()));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        replies.close(Duration.ofSeconds(5));
    }
}

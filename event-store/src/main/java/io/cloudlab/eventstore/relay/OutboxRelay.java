package io.cloudlab.eventstore.relay;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.EventBatchHandler;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox relay: a subscription handler that publishes a service's own events to Kafka after they
 * committed. The events table is the outbox, so there is no second table and no dual write: the service
 * only ever commits to PostgreSQL, and this relay's checkpoint moves only after the broker acknowledged
 * every record of the batch. A crash or a broker outage delays messages and may repeat some (consumers
 * deduplicate by event id), but never loses one.
 *
 * <p>One topic per aggregate type, keyed by aggregate id, so one aggregate's events stay in order on one
 * partition; the idempotent producer keeps that order through its own retries.
 */
public final class OutboxRelay implements EventBatchHandler, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Map<String, String> topicByAggregateType;
    /** Told how long each batch took from being handed over to the broker's last acknowledgement, in ns. */
    private volatile LongConsumer publishTimes = nanos -> { };
    // send() can block (waiting for metadata while the broker is away): never on an event loop. One
    // thread keeps the batch's records in order.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay-sender");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(Producer<String, byte[]> producer, Map<String, String> topicByAggregateType) {
        this.producer = producer;
        this.topicByAggregateType = Map.copyOf(topicByAggregateType);
    }

    public static OutboxRelay connectedTo(String bootstrapServers, String clientId, Map<String, String> topics) {
        return connectedTo(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId, topics);
    }

    /** @param connection the brokers and how to reach them ({@link KafkaConnection#settings}) */
    public static OutboxRelay connectedTo(Map<String, ?> connection, String clientId, Map<String, String> topics) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new OutboxRelay(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topics);
    }

    /** The subscription filter that feeds this relay: the aggregate types it has topics for. */
    public SubscriptionFilter filter() {
        return new SubscriptionFilter(topicByAggregateType.keySet(), java.util.Set.of());
    }

    /**
     * The relay reads its next batch only once the broker acknowledged this one (so the checkpoint never passes
     * an unacknowledged event): that wait is part of every event's way to Kafka, hence measured.
     */
    public OutboxRelay timedBy(LongConsumer publishTimes) {
        this.publishTimes = publishTimes;
        return this;
    }

    /** The Kafka producer, for its client metrics (request latency, queue time, errors). */
    public Producer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public Uni<Void> handle(List<RecordedEvent> batch) {
        long started = System.nanoTime();
        return Uni.createFrom().item(() -> sendAll(batch))
                .runSubscriptionOn(sender)
                .chain(acks -> Uni.createFrom().completionStage(CompletableFuture.allOf(acks)))
                .invoke(() -> publishTimes.accept(System.nanoTime() - started));
    }

    private CompletableFuture<?>[] sendAll(List<RecordedEvent> batch) {
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (RecordedEvent event : batch) {
            String topic = topicByAggregateType.get(event.aggregateType());
            if (topic == null) {
                throw new IllegalStateException("no topic for aggregate type " + event.aggregateType());
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(record(topic, event), (metadata, failure) -> {
                if (failure == null) ack.complete(null); else ack.completeExceptionally(failure);
            });
            acks.add(ack);
        }
        return acks.toArray(CompletableFuture[]::new);
    }

    static ProducerRecord<String, byte[]> record(String topic, RecordedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "event_id", event.eventId().toString());
        header(headers, "event_type", event.eventType());
        header(headers, "aggregate_type", event.aggregateType());
        header(headers, "schema_version", Integer.toString(event.schemaVersion()));
        header(headers, "tenant_id", event.tenantId().toString());
        header(headers, "correlation_id", event.correlationId());
        header(headers, "traceparent", event.traceparent());
        return new ProducerRecord<>(topic, null, event.aggregateId().toString(), envelope(event).getBytes(StandardCharsets.UTF_8),
                headers);
    }

    /**
     * The message body: the event as stored, with its place in the stream and in the store. Written as text
     * around the stored payload and metadata, so relaying an event never parses them.
     */
    public static String envelope(RecordedEvent event) {
        String metadata = event.metadataJson();
        return new StringBuilder(256 + event.dataJson().length())
                .append("{\"event_id\":\"").append(event.eventId())
                .append("\",\"aggregate_id\":\"").append(event.aggregateId())
                .append("\",\"aggregate_type\":").append(quoted(event.aggregateType()))
                .append(",\"event_type\":").append(quoted(event.eventType()))
                .append(",\"event_version\":").append(event.version())
                .append(",\"schema_version\":").append(event.schemaVersion())
                .append(",\"position\":").append(event.position())
                .append(",\"created_at\":\"").append(event.createdAt())
                .append("\",\"metadata\":").append(metadata == null ? "null" : metadata)
                .append(",\"data\":").append(event.dataJson())
                .append('}').toString();
    }

    private static String quoted(String text) {
        return io.vertx.core.json.Json.encode(text);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

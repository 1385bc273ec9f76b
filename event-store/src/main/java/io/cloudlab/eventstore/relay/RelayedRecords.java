package io.cloudlab.eventstore.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Where the outbox relay put a stream's events on Kafka: the topic, partition and offset of each. Nothing records
 * this on the order path (it would cost a write per event); it is found when an operator asks. The stream's key
 * names the partition (the producer's partitioner: murmur2 of the key), each event's time the offset to start
 * from (records are stamped when the relay sends them, after the commit), and the {@code event_id} header the
 * record. Blocking and bounded: run it off the event loop, and never on a hot path.
 */
public final class RelayedRecords {

    /** One event as a Kafka record. */
    public record Placement(String topic, int partition, long offset, Instant timestamp) {}

    /** One event as a Kafka record, with the record's value (the envelope the relay published). */
    public record Found(Placement placement, String value) {}

    /** How far back of an event's time to start, for clocks that differ between the database and the relay. */
    private static final Duration SKEW = Duration.ofSeconds(5);

    private final Map<String, Object> connection;
    private final Map<String, String> topicByAggregateType;

    public RelayedRecords(Map<String, Object> connection, Map<String, String> topicByAggregateType) {
        this.connection = connection;
        this.topicByAggregateType = topicByAggregateType;
    }

    /**
     * @param events       the stream's events: id and when it was recorded
     * @param maxPerEvent  how many records to read past each event's time before giving it up as not found
     * @return the events found, by id; one not relayed yet (or beyond the search) is absent
     */
    public Map<UUID, Placement> find(String aggregateType, UUID aggregateId, Map<UUID, Instant> events, int maxPerEvent) {
        String topic = topicByAggregateType.get(aggregateType);
        Map<UUID, Placement> found = new HashMap<>();
        if (topic == null) return found;
        read(topic, Map.of(aggregateId, events), maxPerEvent).forEach((id, record) -> found.put(id, record.placement()));
        return found;
    }

    /**
     * The same search on a topic named outright, for several streams with one consumer: for streams whose keys and
     * event ids are known but which this service's relay does not publish (participants' replies to its commands).
     *
     * @param eventsByKey each stream's events, by the stream's id (the records' key)
     */
    public Map<UUID, Found> read(String topic, Map<UUID, Map<UUID, Instant>> eventsByKey, int maxPerEvent) {
        Map<UUID, Found> found = new HashMap<>();
        if (eventsByKey.values().stream().allMatch(Map::isEmpty)) return found;
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "relayed-records-lookup");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) return found;
            Set<UUID> wanted = new java.util.HashSet<>();
            eventsByKey.values().forEach(events -> wanted.addAll(events.keySet()));
            for (Map.Entry<UUID, Map<UUID, Instant>> stream : eventsByKey.entrySet()) {
                byte[] key = stream.getKey().toString().getBytes(StandardCharsets.UTF_8);
                TopicPartition partition = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions.size());
                consumer.assign(List.of(partition));
                long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
                for (Map.Entry<UUID, Instant> event : stream.getValue().entrySet()) {
                    if (!wanted.contains(event.getKey())) continue;
                    OffsetAndTimestamp start = consumer.offsetsForTimes(
                            Map.of(partition, event.getValue().minus(SKEW).toEpochMilli()), Duration.ofSeconds(5)).get(partition);
                    if (start == null) continue;
                    consumer.seek(partition, start.offset());
                    int read = 0;
                    while (wanted.contains(event.getKey()) && read < maxPerEvent && consumer.position(partition) < end) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                            read++;
                            Header id = r.headers().lastHeader("event_id");
                            if (id == null) continue;
                            UUID eventId = UUID.fromString(new String(id.value(), StandardCharsets.UTF_8));
                            if (wanted.remove(eventId)) {
                                found.put(eventId, new Found(new Placement(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp())),
                                        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}

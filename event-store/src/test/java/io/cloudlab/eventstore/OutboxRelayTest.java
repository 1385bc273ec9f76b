package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.relay.OutboxRelay;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against the real broker: what reaches the topic is what the store holds, per aggregate in
 * order; a broker that stops answering (the test freezes its process) delays events but loses none.
 */
class OutboxRelayTest extends RealDatabaseTest {

    static final String BROKER = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    static EventStore store;
    static String type;
    static String topic;

    @BeforeAll
    static void start() throws Exception {
        type = "RelayProbe" + UUID.randomUUID().toString().substring(0, 8);
        topic = "test.relay." + type.toLowerCase();
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void publishesEveryEventAsStoredInStreamOrderAndSurvivesABrokerOutage() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<UUID> streams = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, Integer> versions = new HashMap<>();
        appendRound(tenant, streams, versions, 4);

        List<Long> publishTimes = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = OutboxRelay.connectedTo(BROKER, "relay-test", Map.of(type, topic)).timedBy(publishTimes::add);
        AtomicInteger handedToRelay = new AtomicInteger();
        SubscriptionRunner runner = new SubscriptionRunner(vertx, TestDatabase.serviceConnectOptions(),
                SubscriptionOptions.named("outbox-relay-test-" + type, relay.filter()).batchSize(5)
                        .pollInterval(Duration.ofMillis(200)), batch -> {
                            handedToRelay.incrementAndGet();
                            return relay.handle(batch);
                        }, Upcasters.NONE, TestDatabase.personalData(pool));
        List<ConsumerRecord<String, byte[]>> received = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = consume(received, consuming);
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 12);

            long brokerPid = brokerPid();
            signal("STOP", brokerPid);
            int handedBefore = handedToRelay.get();
            try {
                appendRound(tenant, streams, versions, 3);
                // The broker thaws only once a batch of these is in the relay's hands and has waited at least
                // this long: what follows holds however late a slow machine hands it over.
                await().atMost(Duration.ofSeconds(60)).until(() -> handedToRelay.get() > handedBefore);
                Thread.sleep(2000);
                assertEquals(12, received.size(), "nothing more arrives while the broker is frozen");
            } finally {
                signal("CONT", brokerPid);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> received.size() >= 21);
            // Every batch's wait for the broker is reported; the one that waited out the frozen broker is long.
            assertTrue(publishTimes.size() >= 5, "batches of 5: " + publishTimes.size());
            assertTrue(publishTimes.stream().mapToLong(Long::longValue).max().orElse(0) > 1_000_000_000L,
                    "a batch waited for the frozen broker: " + publishTimes);
        } finally {
            runner.stop().await().indefinitely();
            relay.close();
            consuming.set(false);
            consumer.join(10_000);
        }

        Map<String, List<JsonObject>> byStream = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : received) {
            JsonObject body = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
            assertEquals(r.key(), body.getString("aggregate_id"));
            assertEquals(body.getString("event_id"), header(r, "event_id"));
            assertEquals(body.getString("event_type"), header(r, "event_type"));
            assertEquals(Integer.toString(body.getInteger("schema_version")), header(r, "schema_version"));
            assertEquals(body.getJsonObject("metadata").getString("correlation_id"), header(r, "correlation_id"));
            byStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(body);
        }
        for (UUID stream : streams) {
            List<RecordedEvent> stored = await(store.load(tenant, stream)).events();
            List<JsonObject> published = byStream.get(stream.toString());
            assertEquals(stored.size(), published.size(), "every stored event published once");
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(new JsonObject(OutboxRelay.envelope(stored.get(i))), published.get(i), "as stored, in stream order");
            }
        }
    }

    private static void appendRound(UUID tenant, List<UUID> streams, Map<UUID, Integer> versions, int perStream) {
        EventMetadata metadata = EventMetadata.forTenant(tenant).tracedBy("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        for (int i = 0; i < perStream; i++) {
            for (UUID stream : streams) {
                int expected = versions.getOrDefault(stream, 0);
                AppendResult result = await(store.append(type, stream, expected,
                        List.of(NewEvent.of("Probed", new JsonObject().put("n", expected + 1))), metadata));
                versions.put(stream, result.streamVersion());
            }
        }
    }

    private static Thread consume(List<ConsumerRecord<String, byte[]>> into, AtomicBoolean running) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(into::add);
                }
            }
        }, "relay-test-consumer");
        thread.start();
        return thread;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static long brokerPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("kafka.Kafka")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no Kafka broker process on this machine"))
                .pid();
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }
}

package io.cloudlab.order.order.api;

import io.cloudlab.support.testing.TestTopics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** What the order service publishes is what it stored: the events table is the outbox, relayed after commit. */
@QuarkusTest
class OrderEventsOnKafkaTest {

    static final String TOPIC = TestTopics.of("cloudlab.order.events");

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Test
    void anOrdersEventsReachKafkaAsStoredKeyedByTheOrder() {
        Storefront shop = new Storefront(pool);
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            String id = shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id");
            shop.keyed(shop.adminToken()).body(new JsonObject().put("payment_id", UUID.randomUUID().toString())
                    .put("amount", "99.90").encode()).post("/orders/" + id + "/confirm-payment").then().statusCode(200);

            List<JsonObject> published = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (published.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(id)) published.add(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
            List<RecordedEvent> stored = store.load(shop.tenant, UUID.fromString(id)).await().indefinitely().events();
            assertEquals(2, published.size(), "both events published");
            for (int i = 0; i < stored.size(); i++) {
                JsonObject message = published.get(i);
                assertEquals(stored.get(i).eventId().toString(), message.getString("event_id"));
                assertEquals(stored.get(i).eventType(), message.getString("event_type"));
                assertEquals(stored.get(i).version(), message.getInteger("event_version"));
                assertEquals(shop.tenant.toString(), message.getJsonObject("metadata").getString("tenant_id"));
            }
            assertEquals(List.of("OrderPlaced", "OrderPaid"), published.stream().map(m -> m.getString("event_type")).toList());
            assertEquals("99.90", published.get(1).getJsonObject("data").getString("amount"));
            // What other services read of it is the contract's OrderPlaced.
            io.cloudlab.contracts.order.OrderPlaced placed = io.cloudlab.contracts.Wire.read(
                    published.get(0).getJsonObject("data").getMap(), io.cloudlab.contracts.order.OrderPlaced.class);
            assertEquals(new java.math.BigDecimal("99.90"), placed.totalAmount());
            assertEquals(keyboard, placed.lines().get(0).productId());
            assertEquals(2, placed.lines().get(0).quantity());
            // Personal data travels as stored: encrypted, so the topic never holds a clear address.
            assertEquals(null, published.get(0).getJsonObject("data").getValue("shipping_address"));
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.putAll(Map.of("bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "enable.auto.commit", "false", "group.id", "order-events-test-" + UUID.randomUUID()));
        return new KafkaConsumer<>(config);
    }
}

package io.cloudlab.inventory.product;

import io.cloudlab.support.testing.TestTopics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.InventoryTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What other services see: the product's events on cloudlab.product.events, as the store holds them. */
@QuarkusTest
class ProductEventsKafkaTest extends InventoryTestBase {

    static final String TOPIC = TestTopics.of("cloudlab.product.events");

    @Inject
    EventStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theProductsEventsArePublishedAfterCommitExactlyAsStored() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the end offsets now, before the action

            UUID id = create("Kafka kettle", 4);
            keyed(vendor()).body(Map.of("price", "11.00")).when().post("/products/" + id + "/reprice").then().statusCode(200);
            UUID order = UUID.randomUUID();
            keyed(admin()).body(Map.of("order_id", order.toString(),
                            "lines", List.of(Map.of("product_id", id.toString(), "quantity", 3))))
                    .when().post("/reservations").then().statusCode(201);
            keyed(vendor()).when().post("/products/" + id + "/retire").then().statusCode(200);

            List<RecordedEvent> stored = store.load(tenant, id).await().atMost(Duration.ofSeconds(120)).events();
            assertEquals(List.of("ProductCreated", "ProductRepriced", "StockReserved", "ProductRetired"),
                    stored.stream().map(RecordedEvent::eventType).toList());

            List<ConsumerRecord<String, String>> published = publishedFor(consumer, id, stored.size());
            for (int i = 0; i < stored.size(); i++) {
                RecordedEvent expected = stored.get(i);
                ConsumerRecord<String, String> record = published.get(i);
                JsonObject message = new JsonObject(record.value());
                assertEquals(id.toString(), record.key(), "keyed by product: one product's events stay in order");
                assertEquals(expected.eventId().toString(), message.getString("event_id"));
                assertEquals(expected.eventType(), message.getString("event_type"));
                assertEquals("Product", message.getString("aggregate_type"));
                assertEquals(expected.version(), message.getInteger("event_version"));
                assertEquals(expected.position(), message.getLong("position"));
                assertEquals(tenant.toString(), message.getJsonObject("metadata").getString("tenant_id"));
                assertEquals(expected.data(), message.getJsonObject("data"));
            }
            JsonObject created = new JsonObject(published.get(0).value()).getJsonObject("data");
            assertEquals(new JsonObject().put("vendor_id", vendorId).put("name", "Kafka kettle").put("description", "")
                    .put("price", "10.00").put("currency", "EUR").put("initial_stock", 4), created);
            JsonObject repriced = new JsonObject(published.get(1).value()).getJsonObject("data");
            assertEquals(new JsonObject().put("price", "11.00").put("previous_price", "10.00").put("currency", "EUR"),
                    repriced);
            JsonObject reserved = new JsonObject(published.get(2).value());
            assertEquals(order.toString(), reserved.getJsonObject("metadata").getString("correlation_id"));
            assertEquals(1, reserved.getJsonObject("data").getInteger("available"));
        }
    }

    private List<ConsumerRecord<String, String>> publishedFor(KafkaConsumer<String, String> consumer, UUID id, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (found.size() < expected && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (id.toString().equals(record.key())) found.add(record);
            }
        }
        assertEquals(expected, found.size(), "events of product " + id + " on " + TOPIC);
        return found;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "inventory-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}

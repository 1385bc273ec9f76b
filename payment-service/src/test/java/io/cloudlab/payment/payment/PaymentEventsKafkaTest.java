package io.cloudlab.payment.payment;

import static io.cloudlab.payment.TestSupport.act;
import static io.cloudlab.payment.TestSupport.authorizedPayment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.LoadedStream;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.payment.payment.store.PaymentEventCodec;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What the saga sees: the payment's events on cloudlab.payment.events, as stored, in order, keyed by payment. */
@QuarkusTest
class PaymentEventsKafkaTest {

    // The platform's optional topic prefix (KAFKA_TOPIC_PREFIX), so that test runs can keep to topics of their own.
    static final String TOPIC = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("cloudlab.kafka.topic-prefix", String.class).orElse("") + "cloudlab.payment.events";

    @Inject
    EventStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theStoredEventsArePublishedAsTheyAre() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            end.forEach(consumer::seek);

            UUID tenant = UUID.randomUUID();
            String id = authorizedPayment(tenant, "80.00");
            act(tenant, id, "capture", new JsonObject().put("amount", "75.50")).then().statusCode(200);
            act(tenant, id, "refund", new JsonObject().put("amount", "5.50").put("reason", "late delivery")).then().statusCode(200);

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) received.add(r);
                }
            }
            assertEquals(3, received.size(), "three events of the payment on the topic");

            LoadedStream stream = store.load(tenant, UUID.fromString(id)).await().atMost(Duration.ofSeconds(120));
            List<RecordedEvent> stored = stream.events();
            for (int i = 0; i < 3; i++) {
                JsonObject message = new JsonObject(received.get(i).value());
                RecordedEvent event = stored.get(i);
                assertEquals(event.eventId().toString(), message.getString("event_id"));
                assertEquals(id, message.getString("aggregate_id"));
                assertEquals("Payment", message.getString("aggregate_type"));
                assertEquals(event.eventType(), message.getString("event_type"));
                assertEquals(i + 1, message.getInteger("event_version"));
                assertEquals(tenant.toString(), message.getJsonObject("metadata").getString("tenant_id"));
                // Published as stored: personal fields (the card's last four) only inside the encrypted envelope.
                JsonObject published = message.getJsonObject("data").copy();
                JsonObject revealed = event.data().copy();
                if (published.remove("$pii") != null) revealed.remove("card_last_four");
                assertEquals(revealed, published);
            }
            assertEquals(List.of("PaymentAuthorized", "PaymentCaptured", "PaymentRefunded"),
                    received.stream().map(r -> new JsonObject(r.value()).getString("event_type")).collect(Collectors.toList()));
            JsonObject authorized = new JsonObject(received.get(0).value()).getJsonObject("data");
            assertEquals(Contract.AUTHORIZED_FIELDS, authorized.fieldNames());
            assertEquals("80.00", authorized.getString("amount"));
            assertEquals(List.of("card_last_four"), authorized.getJsonObject("$pii").getJsonArray("fields").getList());
            assertFalse(authorized.encode().contains("4242"), "the last four travel encrypted: " + authorized);
            assertEquals("4242", ((PaymentEvent.PaymentAuthorized) PaymentEventCodec.decode(stored.get(0))).cardLastFour());
            assertEquals("visa", authorized.getString("card_brand"));
            JsonObject captured = new JsonObject(received.get(1).value()).getJsonObject("data");
            assertEquals("75.50", captured.getString("amount"));
            assertEquals("75.50", captured.getString("captured_total"));
            JsonObject refunded = new JsonObject(received.get(2).value()).getJsonObject("data");
            assertEquals("5.50", refunded.getString("refunded_total"));
            assertEquals("late delivery", refunded.getString("reason"));
            received.forEach(r -> assertFalse(r.value().contains("4242424242424242"), "no card number on Kafka"));
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** The published contract of PaymentAuthorized: exactly these fields. */
    static final class Contract {
        static final java.util.Set<String> AUTHORIZED_FIELDS = java.util.Set.of("order_id", "customer_id", "amount",
                "currency", "payment_method", "payment_method_id", "card_brand", "gateway_reference", "$pii");
    }
}

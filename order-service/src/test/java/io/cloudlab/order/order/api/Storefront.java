package io.cloudlab.order.order.api;

import io.cloudlab.support.testing.TestTopics;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.cloudlab.support.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One tenant's storefront for a test: tokens for its customers and staff, products published to the
 * catalogue as inventory-service publishes them (Product events on Kafka), and requests as clients send them.
 */
public final class Storefront {

    public final UUID tenant = UUID.randomUUID();
    public final String customer = UUID.randomUUID().toString();
    public final String otherCustomer = UUID.randomUUID().toString();
    private final Pool pool;

    public Storefront(Pool pool) {
        this.pool = pool;
    }

    public String customerToken() {
        return TestTokens.token(tenant, customer, "customer");
    }

    public String otherCustomerToken() {
        return TestTokens.token(tenant, otherCustomer, "customer");
    }

    public String adminToken() {
        return TestTokens.token(tenant, "admin-1", "admin");
    }

    public RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public RequestSpecification keyed(String token) {
        return as(token).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** Publishes the events inventory-service would, and waits until the order service's copy has them. */
    public UUID product(String name, String price, String currency) {
        UUID id = UUID.randomUUID();
        publish(id, 1, "ProductCreated", new JsonObject().put("vendor_id", "vendor-1").put("name", name)
                .put("description", name).put("price", price).put("currency", currency).put("initial_stock", 100));
        awaitCatalogue(id, 1);
        return id;
    }

    /** The event's id. */
    UUID publish(UUID productId, int version, String type, JsonObject data) {
        UUID eventId = UUID.randomUUID();
        JsonObject envelope = new JsonObject().put("event_id", eventId.toString())
                .put("aggregate_id", productId.toString()).put("aggregate_type", "Product").put("event_type", type)
                .put("event_version", version).put("schema_version", 1).put("position", 0)
                .put("created_at", Instant.now().toString())
                .put("metadata", new JsonObject().put("tenant_id", tenant.toString())).put("data", data);
        publishRaw(productId.toString(), envelope.encode());
        return eventId;
    }

    static void publishRaw(String key, String value) {
        Properties config = new Properties();
        config.putAll(Map.of("bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TestTopics.of("cloudlab.product.events"), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitCatalogue(UUID productId, int version) {
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "SELECT count(*) FROM orders.catalogue_products WHERE product_id = $1 AND version >= $2",
                Tuple.of(productId, version)) == 1);
    }

    public long count(String sql, Tuple args) {
        return io.cloudlab.support.tenant.TenantTransactions.inTenant(pool, tenant,
                        tx -> tx.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(120));
    }

    long orders() {
        return count("SELECT count(*) FROM orders.order_summaries", Tuple.tuple());
    }

    public static JsonObject order(UUID... products) {
        io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
        for (UUID p : products) items.add(new JsonObject().put("product_id", p.toString()).put("quantity", 2));
        return new JsonObject().put("items", items)
                .put("shipping_address", new JsonObject().put("recipient", "Ada Lovelace").put("line1", "12 St James's Square")
                        .put("city", "London").put("postal_code", "SW1Y 4JH").put("country", "GB"))
                .put("payment_method", "paypal").put("currency", "EUR");
    }

    public ValidatableResponse place(JsonObject body) {
        return keyed(customerToken()).body(body.encode()).post("/orders").then();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.cloudlab.order.analytics;

import io.cloudlab.support.testing.TestTopics;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.EventStoreOptions;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.cloudlab.support.tenant.TenantTransactions;
import io.cloudlab.support.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One tenant's shop for the analytics tests: products with vendors (published as inventory-service publishes
 * them), orders placed and driven through the order API, and payment events appended as payment-service
 * appends them (that service does not run in these tests).
 */
final class AnalyticsShop {

    final UUID tenant = UUID.randomUUID();
    final String customer = UUID.randomUUID().toString();
    private final Pool pool;
    private final EventStore payments;
    private final EventStore orders;

    AnalyticsShop(Pool pool, Upcasters upcasters, PersonalDataCodec personalData) {
        this.pool = pool;
        this.payments = new EventStore(pool, EventStoreOptions.forTypes("Payment"), upcasters, personalData);
        this.orders = new EventStore(pool, EventStoreOptions.forTypes("Order"), upcasters, personalData);
    }

    String admin() {
        return TestTokens.token(tenant, "admin-1", "admin");
    }

    String support() {
        return TestTokens.token(tenant, "support-1", "support");
    }

    String customerToken() {
        return TestTokens.token(tenant, customer, "customer");
    }

    RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private RequestSpecification keyed(String token) {
        return as(token).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A product of {@code vendor} in the order service's catalogue copy. */
    UUID product(String name, String price, UUID vendor) {
        UUID id = UUID.randomUUID();
        JsonObject envelope = new JsonObject().put("event_id", UUID.randomUUID().toString())
                .put("aggregate_id", id.toString()).put("aggregate_type", "Product").put("event_type", "ProductCreated")
                .put("event_version", 1).put("schema_version", 1).put("position", 0).put("created_at", Instant.now().toString())
                .put("metadata", new JsonObject().put("tenant_id", tenant.toString()))
                .put("data", new JsonObject().put("vendor_id", vendor.toString()).put("name", name).put("description", name)
                        .put("price", price).put("currency", "EUR").put("initial_stock", 100));
        Properties config = new Properties();
        config.putAll(Map.of("bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TestTopics.of("cloudlab.product.events"), id.toString(), envelope.encode())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> TenantTransactions.inTenant(pool, tenant, tx -> tx
                        .preparedQuery("SELECT count(*) FROM orders.catalogue_products WHERE product_id = $1 AND vendor_id = $2")
                        .execute(Tuple.of(id, vendor)).map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(120)) == 1);
        return id;
    }

    /** Places an order of {@code quantity} units of each product; answers its id. */
    UUID place(Map<UUID, Integer> quantities) {
        JsonArray items = new JsonArray();
        quantities.forEach((product, quantity) -> items.add(new JsonObject().put("product_id", product.toString())
                .put("quantity", quantity)));
        JsonObject body = new JsonObject().put("items", items)
                .put("shipping_address", new JsonObject().put("recipient", "Ada Lovelace").put("line1", "12 St James's Square")
                        .put("city", "London").put("postal_code", "SW1Y 4JH").put("country", "GB"))
                .put("payment_method", "paypal").put("currency", "EUR");
        return UUID.fromString(keyed(customerToken()).body(body.encode()).post("/orders").then().statusCode(201)
                .extract().path("order_id"));
    }

    void pay(UUID order, String amount) {
        step(admin(), order, "confirm-payment", new JsonObject().put("payment_id", UUID.randomUUID().toString())
                .put("amount", amount));
    }

    void shipAfterPayment(UUID order) {
        step(admin(), order, "start-processing", null);
        step(admin(), order, "ship", new JsonObject().put("carrier", "DHL").put("tracking_number", "JD0001"));
    }

    void deliver(UUID order) {
        step(admin(), order, "deliver", null);
    }

    void cancel(UUID order, String reason) {
        step(customerToken(), order, "cancel", new JsonObject().put("reason", reason));
    }

    void reject(UUID order, String reason) {
        step(admin(), order, "reject", new JsonObject().put("reason", reason));
    }

    /**
     * Staff ask for the refund (202: its saga moves the money); then the order records it, as the refund saga's
     * last step has it do (the orchestrator does not run in these tests).
     */
    void refund(UUID order, String amount, String reason) {
        var asked = keyed(admin()).body(new JsonObject().put("amount", amount).put("reason", reason).encode())
                .post("/orders/" + order + "/refund").then().statusCode(202).extract();
        int version = asked.path("version");
        String refundId = asked.path("refunds_under_way[0].saga_id");
        orders.append("Order", order, version, List.of(NewEvent.of("OrderRefunded", new JsonObject().put("amount", amount)
                        .put("reason", reason).put("refund_id", refundId))), EventMetadata.forTenant(tenant))
                .await().atMost(Duration.ofSeconds(120));
    }

    private void step(String token, UUID order, String action, JsonObject body) {
        RequestSpecification request = keyed(token);
        if (body != null) request = request.body(body.encode());
        request.post("/orders/" + order + "/" + action).then().statusCode(200);
    }

    /** A payment's events as payment-service appends them (published form of docs/services/payment-service.md). */
    UUID payment(UUID order, String amount, String... eventTypesAndReasons) {
        UUID payment = UUID.randomUUID();
        List<NewEvent> events = new java.util.ArrayList<>();
        for (String spec : eventTypesAndReasons) {
            String[] parts = spec.split(":");
            JsonObject data = new JsonObject().put("order_id", order.toString()).put("customer_id", customer)
                    .put("amount", amount).put("currency", "EUR").put("payment_method", "credit_card");
            if (parts.length > 1) data.put("reason", parts[1]);
            events.add(NewEvent.of(parts[0], data));
        }
        payments.append("Payment", payment, 0, events, EventMetadata.forTenant(tenant)).await().atMost(Duration.ofSeconds(120));
        return payment;
    }
}

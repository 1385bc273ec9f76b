package io.cloudlab.inventory;

import static io.restassured.RestAssured.given;

import io.cloudlab.support.testing.TestTokens;
import io.cloudlab.support.tenant.TenantTransactions;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the endpoint tests share: a tenant of their own (row-level security keeps every other test's data
 * out of sight), tokens for its users, and reads of the database as the service role within that tenant.
 */
public abstract class InventoryTestBase {

    protected final UUID tenant = UUID.randomUUID();
    protected final String adminId = UUID.randomUUID().toString();
    protected final String vendorId = UUID.randomUUID().toString();
    protected final String otherVendorId = UUID.randomUUID().toString();
    protected final String customerId = UUID.randomUUID().toString();

    @Inject
    protected Pool pool;

    protected String admin() {
        return TestTokens.token(tenant, adminId, "admin");
    }

    protected String vendor() {
        return TestTokens.token(tenant, vendorId, "vendor");
    }

    protected String otherVendor() {
        return TestTokens.token(tenant, otherVendorId, "vendor");
    }

    protected String customer() {
        return TestTokens.token(tenant, customerId, "customer");
    }

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    protected static RequestSpecification keyed(String token) {
        return as(token).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    protected static Map<String, Object> product(String name, String description, String price, int stock) {
        return Map.of("name", name, "description", description, "price", price, "currency", "EUR",
                "initial_stock", stock);
    }

    /** A reservation body: the order and its lines, given as product id, quantity, product id, quantity, ... */
    protected static Map<String, Object> reservation(UUID order, Object... productAndQuantity) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.add(Map.of("product_id", productAndQuantity[i].toString(), "quantity", productAndQuantity[i + 1]));
        }
        return Map.of("order_id", order.toString(), "lines", lines);
    }

    /** Creates a product as {@code token}'s user and answers its id. */
    protected UUID create(String token, String name, String description, String price, int stock) {
        return UUID.fromString(keyed(token).body(product(name, description, price, stock))
                .when().post("/products")
                .then().statusCode(201).extract().path("product_id"));
    }

    protected UUID create(String name, int stock) {
        return create(vendor(), name, "", "10.00", stock);
    }

    protected int[] stock(UUID productId) {
        Row row = single("SELECT available, reserved FROM inventory.stock_levels WHERE product_id = $1", Tuple.of(productId));
        return new int[] {row.getInteger("available"), row.getInteger("reserved")};
    }

    /** Rows of this tenant in the service's tables and in the event store: what a rejected request must not change. */
    protected Map<String, Long> footprint() {
        return Map.of(
                "products", count("SELECT count(*) FROM inventory.products"),
                "stock_levels", count("SELECT count(*) FROM inventory.stock_levels"),
                "reservations", count("SELECT count(*) FROM inventory.reservations"),
                "events", count("SELECT count(*) FROM event_store.events"),
                "streams", count("SELECT count(*) FROM event_store.streams"));
    }

    protected long count(String sql) {
        return single(sql, Tuple.tuple()).getLong(0);
    }

    protected Row single(String sql, Tuple args) {
        return TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery(sql).execute(args))
                .await().atMost(Duration.ofSeconds(120)).iterator().next();
    }

    protected void execute(String sql, Tuple args) {
        TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery(sql).execute(args))
                .await().atMost(Duration.ofSeconds(120));
    }
}

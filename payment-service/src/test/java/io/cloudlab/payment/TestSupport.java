package io.cloudlab.payment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudlab.support.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests as a tenant's user, and the database read as its owner (no RLS): what a test checks against. */
public final class TestSupport {

    public static final String SUCCESS_CARD = "4242424242424242";
    public static final String DECLINE_CARD = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    public static final String SLOW_CARD = "4000000000000119";

    private TestSupport() {}

    public static RequestSpecification as(UUID tenant, String user, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(tenant, user, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin(UUID tenant) {
        return as(tenant, "admin-" + tenant, "admin");
    }

    public static JsonObject card(String number, String cvc) {
        return new JsonObject().put("type", "credit_card").put("card", new JsonObject().put("number", number)
                .put("expiry_month", 12).put("expiry_year", 2031).put("cvc", cvc).put("holder_name", "Ada Lovelace"));
    }

    /** Registers a card for the customer and returns its payment_method_id. */
    public static String registerCard(UUID tenant, String customer, String number) {
        return as(tenant, customer, "customer").body(card(number, "123").encode())
                .post("/payment-methods").then().statusCode(201).extract().path("payment_method_id");
    }

    public static JsonObject authorization(UUID order, String customer, String amount, String methodId) {
        return new JsonObject().put("order_id", order.toString()).put("customer_id", customer).put("amount", amount)
                .put("currency", "EUR").put("payment_method", methodId == null ? "paypal" : "credit_card")
                .put("payment_method_id", methodId);
    }

    public static Response authorize(UUID tenant, JsonObject body, String key) {
        return admin(tenant).header("Idempotency-Key", key).body(body.encode()).post("/payments");
    }

    /** Registers a card and authorizes a payment with it; returns the payment id. */
    public static String authorizedPayment(UUID tenant, String amount) {
        String customer = UUID.randomUUID().toString();
        String method = registerCard(tenant, customer, SUCCESS_CARD);
        return authorize(tenant, authorization(UUID.randomUUID(), customer, amount, method), UUID.randomUUID().toString())
                .then().statusCode(201).extract().path("payment_id");
    }

    public static Response act(UUID tenant, String paymentId, String action, JsonObject body) {
        RequestSpecification request = admin(tenant).header("Idempotency-Key", UUID.randomUUID().toString());
        if (body != null) request = request.body(body.encode());
        return request.post("/payments/" + paymentId + "/" + action);
    }

    // --- database as the owner -----------------------------------------------------------------

    public static Connection owner() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }

    /**
     * Every row of the query as column -> value (bytea as byte[], timestamps as their JDBC types), read
     * across tenants as the platform role: row-level security is FORCEd, so the owner alone sees none.
     */
    public static List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = owner(); PreparedStatement role = c.prepareStatement("SET ROLE cloudlab_platform");
                PreparedStatement s = c.prepareStatement(sql)) {
            role.execute();
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A change made as the owner inside the tenant, past the service: what someone with SQL access could do. */
    public static void execute(UUID tenant, String sql, Object... args) {
        try (Connection c = owner(); PreparedStatement enter = c.prepareStatement("SET app.current_tenant_id = '" + tenant + "'");
                PreparedStatement s = c.prepareStatement(sql)) {
            enter.execute();
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            if (s.executeUpdate() == 0) throw new IllegalStateException("no row changed: " + sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... args) {
        return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
    }

    /** The tenant's rows in every table the service writes, and its events: nothing means nothing written. */
    public static long writtenFor(UUID tenant) {
        return count("SELECT (SELECT count(*) FROM payments.payments WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM payments.payment_methods WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM event_store.events WHERE tenant_id = ?)", tenant, tenant, tenant);
    }

    public static List<Map<String, Object>> events(UUID paymentId) {
        return rows("SELECT event_id, event_type, event_version, event_data::text AS data FROM event_store.events"
                + " WHERE aggregate_id = ? ORDER BY event_version", paymentId);
    }

    /**
     * Fails if the card number or CVC appears in {@code value}: bytes (ciphertext) byte for byte, text as text,
     * JSON recursively. UUIDs and typed values (numbers, timestamps) cannot hold them and are skipped, since a
     * three-digit CVC may well occur inside one by chance.
     */
    public static void assertNoCardData(Object value, String number, String cvc, String where) {
        if (value == null) return;
        if (value instanceof byte[] bytes) {
            String raw = new String(bytes, StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains(number) || raw.contains(cvc), "card data in bytes of " + where);
            return;
        }
        if (value instanceof JsonObject json) {
            json.forEach(e -> {
                assertFalse(e.getKey().contains("cvc") || e.getKey().equals("number") || e.getKey().equals("card_number"),
                        "card field " + e.getKey() + " in " + where);
                assertNoCardData(e.getValue(), number, cvc, where + "." + e.getKey());
            });
            return;
        }
        if (value instanceof JsonArray array) {
            array.forEach(v -> assertNoCardData(v, number, cvc, where));
            return;
        }
        if (!(value instanceof String text)) return;
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            assertNoCardData(new JsonObject(trimmed), number, cvc, where);
            return;
        }
        try {
            UUID.fromString(trimmed);
            return;
        } catch (IllegalArgumentException notAUuid) {
            // text that could hold card data
        }
        assertFalse(text.contains(number), "card number in " + where);
        assertFalse(text.contains(cvc), "CVC in " + where);
    }
}

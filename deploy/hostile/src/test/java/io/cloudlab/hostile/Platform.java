package io.cloudlab.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The running platform as deploy/hostile/run describes it in the environment: the services' URLs, tokens of
 * several callers, ids the attacks aim at, and the database, read to count rows as the platform role (the
 * owner logs in and becomes it: row-level security binds the owner too, and only that role sees every tenant).
 */
final class Platform {

    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1, as storefront clients and load balancers speak to the services (no h2c upgrade). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final Map<String, String> SERVICES = Map.of(
            "order-service", env("ORDER_URL"), "inventory-service", env("INVENTORY_URL"),
            "payment-service", env("PAYMENT_URL"), "saga-orchestrator", env("SAGA_URL"));

    /** A customer of the tenant, with orders; another customer of the same tenant; a customer of another tenant. */
    static final String SHOPPER = env("SHOPPER_TOKEN");
    static final String NEIGHBOUR = env("NEIGHBOUR_TOKEN");
    static final String STRANGER = env("STRANGER_TOKEN");
    static final String ADMIN = env("ADMIN_TOKEN");
    static final String EXPIRED = env("EXPIRED_TOKEN");
    static final UUID TENANT = UUID.fromString(env("TENANT"));
    static final String SHOPPER_ID = env("SHOPPER_ID");
    /** An order of SHOPPER's, a product and a card of the tenant. */
    static final UUID ORDER = UUID.fromString(env("ORDER_ID"));
    static final UUID PRODUCT = UUID.fromString(env("PRODUCT_ID"));
    static final UUID CARD = UUID.fromString(env("CARD_ID"));
    /** Another tenant: its admin and support staff, and its customer whose user id is SHOPPER's, with a product and a card. */
    static final UUID OTHER_TENANT = UUID.fromString(env("OTHER_TENANT"));
    static final String OTHER_ADMIN = env("OTHER_ADMIN_TOKEN");
    static final String OTHER_SUPPORT = env("OTHER_SUPPORT_TOKEN");
    static final String TWIN = env("TWIN_TOKEN");
    static final UUID OTHER_PRODUCT = UUID.fromString(env("OTHER_PRODUCT_ID"));
    static final UUID TWIN_CARD = UUID.fromString(env("TWIN_CARD_ID"));
    /** A platform operator: the one role whose actions cross tenants. */
    static final String OPERATOR = env("OPERATOR_TOKEN");

    private Platform() {}

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) throw new IllegalStateException(name + " is not set: run the suite with deploy/hostile/run");
        return value;
    }

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        /**
         * A refusal the HTTP decoder sends before any of the platform's code runs (414 URI too long, 431 headers
         * too large), with no body: the one kind of 4xx that is not problem+json (docs in deploy/hostile/README.md).
         */
        boolean isProtocolRefusal() {
            return status == 414 || status == 431;
        }
    }

    /**
     * Sends one request like a well-behaved client would after a 429: waits Retry-After and tries again (a
     * few times), so the rate limit does not stand in for the answer an attack is meant to get.
     */
    static Answer send(String service, String method, String path, String token, String body, Map<String, String> headers) {
        for (int attempt = 0; ; attempt++) {
            Answer answer = sendOnce(service, method, path, token, body, headers);
            if (answer.status() != 429 || attempt == 5) return answer;
            long wait = answer.raw().headers().firstValueAsLong("Retry-After").orElse(1);
            sleep(Duration.ofSeconds(wait));
        }
    }

    static Answer sendOnce(String service, String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVICES.get(service) + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        if (!"GET".equals(method)) request.header("Idempotency-Key", UUID.randomUUID().toString());
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
                    + " did not get an answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static long count(String sql, Object... args) {
        try (Connection db = DriverManager.getConnection(env("JDBC_URL"), env("JDBC_USER"), env("JDBC_PASSWORD"));
             PreparedStatement role = db.prepareStatement("SET ROLE cloudlab_platform");
             PreparedStatement statement = db.prepareStatement(sql)) {
            role.execute();
            for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("counting rows: " + e.getMessage(), e);
        }
    }

    /** Rows a service's writes leave, in every table an attack could reach. */
    static long platformRows() {
        return count("SELECT (SELECT count(*) FROM orders.order_summaries) + (SELECT count(*) FROM inventory.products)"
                + " + (SELECT count(*) FROM payments.payment_methods) + (SELECT count(*) FROM inventory.reservations)"
                + " + (SELECT count(*) FROM saga.saga_instances) + (SELECT count(*) FROM event_store.events)");
    }

    /** The same token with its payload replaced: signed for other claims, so the signature no longer fits. */
    static String withClaims(String token, String claimsJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(claimsJson) + "." + parts[2];
    }

    static String unsigned(String token) {
        String[] parts = token.split("\\.");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.cloudlab.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Example;

/**
 * Callers who are not who they say, or reach for what is not theirs: missing, expired, forged and unsigned
 * tokens; a token whose claims were swapped for another tenant's or for the admin role; another customer's
 * order, another tenant's product; an Idempotency-Key replayed with another body.
 */
class AccessAttacks {

    private static final String ORDER_BODY = "{\"items\":[{\"product_id\":\"" + Platform.PRODUCT + "\",\"quantity\":1}],"
            + "\"currency\":\"EUR\",\"payment_method\":\"credit_card\",\"payment_method_id\":\"" + Platform.CARD + "\","
            + "\"shipping_address\":{\"recipient\":\"Hostile\",\"line1\":\"1 Attack Rd\",\"city\":\"Leeds\","
            + "\"postal_code\":\"LS1 1AA\",\"country\":\"GB\"}}";

    @Example
    void tokensThatAreNotValidAre401AndWriteNothing() {
        String claims = Platform.claims(Platform.SHOPPER);
        List<String> bad = List.of(Platform.EXPIRED, Platform.unsigned(Platform.SHOPPER),
                Platform.withClaims(Platform.SHOPPER, claims.replace(Platform.TENANT.toString(), UUID.randomUUID().toString())),
                Platform.withClaims(Platform.SHOPPER, claims.replace("\"customer\"", "\"admin\"")),
                "not.a.token", "e30.e30.", "");
        long before = HostileBodyAttacks.writtenByAttackers();
        for (String token : bad) {
            for (String[] call : new String[][] {{"GET", "/orders"}, {"GET", "/orders/" + Platform.ORDER}, {"POST", "/orders"}}) {
                Platform.Answer answer = Platform.send("order-service", call[0], call[1], token.isEmpty() ? null : token,
                        "POST".equals(call[0]) ? ORDER_BODY : null, Map.of());
                assertEquals(401, answer.status(), call[0] + " " + call[1] + " with " + abbreviate(token) + ": " + answer.body());
                assertTrue(answer.isProblem(), "401 as problem+json");
            }
        }
        Platform.Answer admin = Platform.send("saga-orchestrator", "GET", "/sagas", Platform.unsigned(Platform.ADMIN), null, Map.of());
        assertEquals(401, admin.status(), "an unsigned admin token at the operator API");
        assertEquals(before, HostileBodyAttacks.writtenByAttackers(), "a refused token wrote rows");
    }

    @Example
    void anotherCustomersOrAnotherTenantsThingsAreNotFound() {
        for (String token : List.of(Platform.NEIGHBOUR, Platform.STRANGER)) {
            assertEquals(404, Platform.send("order-service", "GET", "/orders/" + Platform.ORDER, token, null, Map.of()).status());
            assertEquals(404, Platform.send("order-service", "POST", "/orders/" + Platform.ORDER + "/cancel", token,
                    "{\"reason\":\"not mine\"}", Map.of()).status(), "cancelling another's order");
            Platform.Answer list = Platform.send("order-service", "GET", "/orders", token, null, Map.of());
            assertEquals(200, list.status());
            assertTrue(!list.body().contains(Platform.ORDER.toString()), "another's order listed: " + list.body());
        }
        assertEquals(404, Platform.send("inventory-service", "GET", "/products/" + Platform.PRODUCT, Platform.STRANGER, null, Map.of()).status(),
                "another tenant's product");
        Platform.Answer mine = Platform.send("order-service", "GET", "/orders/" + Platform.ORDER, Platform.SHOPPER, null, Map.of());
        assertEquals(200, mine.status(), "the owner still reads it");
    }

    @Example
    void anIdempotencyKeyReplayedWithAnotherBodyIs422AndPlacesNothing() {
        String key = "hostile-" + UUID.randomUUID();
        long before = orders();
        Platform.Answer first = Platform.send("order-service", "POST", "/orders", Platform.SHOPPER, ORDER_BODY, Map.of("Idempotency-Key", key));
        assertEquals(201, first.status(), first.body());
        Platform.Answer changed = Platform.send("order-service", "POST", "/orders", Platform.SHOPPER,
                ORDER_BODY.replace("\"quantity\":1", "\"quantity\":2"), Map.of("Idempotency-Key", key));
        assertEquals(422, changed.status(), changed.body());
        assertTrue(changed.isProblem());
        Platform.Answer again = Platform.send("order-service", "POST", "/orders", Platform.SHOPPER, ORDER_BODY, Map.of("Idempotency-Key", key));
        assertEquals(201, again.status());
        assertEquals(first.json().get("order_id"), again.json().get("order_id"), "the replay answers the same order");
        Platform.Answer stolen = Platform.send("order-service", "POST", "/orders", Platform.NEIGHBOUR, ORDER_BODY, Map.of("Idempotency-Key", key));
        assertTrue(stolen.status() >= 400 || !stolen.body().contains(first.json().get("order_id").asText()),
                "another customer's use of the key must not answer the shopper's order: " + stolen.body());
        long placed = orders() - before;
        assertEquals(stolen.status() == 201 ? 2 : 1, placed, "one order per key and customer");
    }

    private static long orders() {
        return Platform.count("SELECT count(*) FROM orders.order_summaries WHERE tenant_id = ?", Platform.TENANT);
    }

    private static String abbreviate(String token) {
        return token.length() > 20 ? token.substring(0, 20) + "..." : "'" + token + "'";
    }
}

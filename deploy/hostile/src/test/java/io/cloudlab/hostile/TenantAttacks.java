package io.cloudlab.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Example;

/**
 * A tenant's staff reaching for another tenant, from outside the customer path: the saga operator API, the
 * projection and database admin APIs, and a user id two tenants share. Only a platform operator crosses tenants.
 */
class TenantAttacks {

    private static final UUID SAGA = UUID.nameUUIDFromBytes(("order_fulfilment:" + Platform.ORDER).getBytes(StandardCharsets.UTF_8));

    @Example
    void anotherTenantsStaffNeitherListNorReadNorActOnASaga() {
        for (String path : List.of("/sagas", "/sagas/stuck", "/sagas?status=completed", "/sagas?status=failed")) {
            Platform.Answer list = Platform.send("saga-orchestrator", "GET", path, Platform.OTHER_SUPPORT, null, Map.of());
            assertEquals(200, list.status(), path + ": " + list.body());
            assertFalse(list.body().contains(Platform.ORDER.toString()) || list.body().contains(SAGA.toString()),
                    "another tenant's saga listed at " + path + ": " + list.body());
            assertFalse(list.body().contains(Platform.TENANT.toString()), "another tenant's id listed at " + path);
        }
        Platform.Answer named = Platform.send("saga-orchestrator", "GET", "/sagas?tenant_id=" + Platform.TENANT,
                Platform.OTHER_SUPPORT, null, Map.of());
        assertEquals(403, named.status(), "naming another tenant in the filter: " + named.body());
        assertTrue(named.isProblem());

        String before = sagaRow();
        assertEquals(404, Platform.send("saga-orchestrator", "GET", "/sagas/" + SAGA, Platform.OTHER_ADMIN, null, Map.of()).status());
        Platform.Answer messages = Platform.send("saga-orchestrator", "GET", "/sagas/" + SAGA + "/messages", Platform.OTHER_ADMIN, null, Map.of());
        assertEquals(404, messages.status(), "another tenant's saga's commands and replies: " + messages.body());
        assertTrue(messages.isProblem());
        for (String action : List.of("retry", "skip", "compensate", "cancel")) {
            Platform.Answer answer = Platform.send("saga-orchestrator", "POST", "/sagas/" + SAGA + "/" + action,
                    Platform.OTHER_ADMIN, "{\"reason\":\"hostile\"}", Map.of());
            assertEquals(404, answer.status(), action + " of another tenant's saga: " + answer.body());
            assertTrue(answer.isProblem());
        }
        assertEquals(before, sagaRow(), "the saga was changed by another tenant's admin");

        Platform.Answer own = Platform.send("saga-orchestrator", "GET", "/sagas/" + SAGA, Platform.ADMIN, null, Map.of());
        assertEquals(200, own.status(), "its own tenant's admin still reads it: " + own.body());
        Platform.Answer ownMessages = Platform.send("saga-orchestrator", "GET", "/sagas/" + SAGA + "/messages", Platform.ADMIN, null, Map.of());
        assertEquals(200, ownMessages.status(), "its own tenant's admin reads its messages: " + ownMessages.body());
        assertTrue(ownMessages.body().contains("\"command_type\""), "the saga's commands: " + ownMessages.body());
        Platform.Answer operator = Platform.send("saga-orchestrator", "GET", "/sagas/" + SAGA, Platform.OPERATOR, null, Map.of());
        assertEquals(200, operator.status(), "a platform operator reads any tenant's saga: " + operator.body());
    }

    @Example
    void aTenantsAdminRunsNoProjectionOrDatabaseAdministration() {
        Map<String, List<String[]>> calls = Map.of(
                "order-service", List.of(new String[] {"POST", "/admin/projections/order-views/rebuild"},
                        new String[] {"POST", "/admin/projections/order-views/audit?percent=100"},
                        new String[] {"GET", "/admin/projections/order-views/parked"},
                        new String[] {"POST", "/admin/projections/order-views/parked/" + UUID.randomUUID() + "/skip"},
                        new String[] {"GET", "/admin/projections"},
                        new String[] {"GET", "/admin/database"}),
                "inventory-service", List.<String[]>of(new String[] {"POST", "/admin/projections/product-cards/audit?percent=100"}),
                "payment-service", List.<String[]>of(new String[] {"GET", "/admin/database"}));
        long versions = projectionVersions();
        calls.forEach((service, list) -> {
            for (String[] call : list) {
                for (String token : List.of(Platform.ADMIN, Platform.OTHER_SUPPORT)) {
                    Platform.Answer answer = Platform.send(service, call[0], call[1], token, null, Map.of());
                    assertEquals(403, answer.status(), service + " " + call[0] + " " + call[1] + " as a tenant's staff: " + answer.body());
                    assertTrue(answer.isProblem());
                }
            }
        });
        assertEquals(versions, projectionVersions(), "a refused rebuild started a new version");
        Platform.Answer operator = Platform.send("order-service", "GET", "/admin/projections/order-views", Platform.OPERATOR, null, Map.of());
        assertEquals(200, operator.status(), "a platform operator reads it: " + operator.body());
    }

    @Example
    void theSameUserIdInTwoTenantsOrdersInBoth() {
        String body = "{\"items\":[{\"product_id\":\"" + Platform.OTHER_PRODUCT + "\",\"quantity\":1}],"
                + "\"currency\":\"EUR\",\"payment_method\":\"credit_card\",\"payment_method_id\":\"" + Platform.TWIN_CARD + "\","
                + "\"shipping_address\":{\"recipient\":\"Twin\",\"line1\":\"2 Other Rd\",\"city\":\"York\","
                + "\"postal_code\":\"YO1 1AA\",\"country\":\"GB\"}}";
        Platform.Answer placed = null;
        for (int i = 0; i < 40; i++) { // 422 until the order service's catalogue copy has learnt of the product
            placed = Platform.send("order-service", "POST", "/orders", Platform.TWIN, body, Map.of());
            if (placed.status() != 422) break;
            Platform.sleep(Duration.ofMillis(500));
        }
        assertEquals(201, placed.status(), "the shopper's user id, in another tenant: " + placed.body());
        String order = placed.json().get("order_id").asText();
        Platform.Answer read = Platform.send("order-service", "GET", "/orders/" + order, Platform.TWIN, null, Map.of());
        assertEquals("Twin", read.json().at("/shipping_address/recipient").asText(), read.body());
        Platform.Answer shopper = Platform.send("order-service", "GET", "/orders/" + Platform.ORDER, Platform.SHOPPER, null, Map.of());
        assertEquals("Ada Lovelace", shopper.json().at("/shipping_address/recipient").asText(), "the first tenant's order is unchanged");
        assertEquals(404, Platform.send("order-service", "GET", "/orders/" + order, Platform.SHOPPER, null, Map.of()).status(),
                "the same user id in the first tenant does not see the twin's order");
    }

    private static String sagaRow() {
        return Platform.count("SELECT version FROM saga.saga_instances WHERE saga_id = ?", SAGA) + "/"
                + Platform.count("SELECT count(*) FROM saga.saga_steps WHERE saga_id = ?", SAGA);
    }

    private static long projectionVersions() {
        return Platform.count("SELECT count(*) FROM event_store.subscription_checkpoints WHERE subscription_name LIKE '%order-views%'");
    }
}

package io.cloudlab.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bodies broken one field at a time (wrong type, enum value out of range, missing, injection text, absurd
 * number), bodies that are not JSON or not an object, and unknown fields, for every operation the services'
 * OpenAPI documents list, sent as a customer and as an admin. Whatever the platform answers, it is never a 5xx,
 * a refusal is problem+json, and a refusal writes nothing: no order, product, payment method or event.
 */
class HostileBodyAttacks {

    static final List<OpenApiBodies.Operation> OPERATIONS = OpenApiBodies.all();
    static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "\"; DROP TABLE orders.order_summaries; --",
            "<script>alert(document.cookie)</script>", "${jndi:ldap://127.0.0.1:1389/x}", "../../../../etc/passwd",
            "\u0000\u0001\u001f", "%00%0d%0aSet-Cookie: x=1", "{{7*7}}${7*7}", "\uD83D\uDE00".repeat(64),
            "a".repeat(20_000), "-1", "1e309", "NaN", "null", "", " ");

    /** One broken request: what it is, for the report, and its body text. */
    record Attack(OpenApiBodies.Operation operation, String description, String body, boolean asAdmin) {
        @Override
        public String toString() {
            return operation + " as " + (asAdmin ? "admin" : "customer") + ": " + description;
        }
    }

    @Provide
    Arbitrary<Attack> attacks() {
        return Arbitraries.of(OPERATIONS).flatMap(operation -> Arbitraries.integers().between(0, 9).flatMap(kind ->
                Arbitraries.of(true, false).flatMap(admin -> attack(operation, kind, admin))));
    }

    private Arbitrary<Attack> attack(OpenApiBodies.Operation op, int kind, boolean admin) {
        List<OpenApiBodies.Field> fields = op.fields().isEmpty() ? List.of(new OpenApiBodies.Field("", null)) : op.fields();
        Arbitrary<OpenApiBodies.Field> field = Arbitraries.of(fields);
        return switch (kind) {
            case 0 -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.numberNode(-1), "negative number at", admin));
            case 1 -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.textNode("not_a_value"), "unknown text (enum out of range) at", admin));
            case 2 -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.objectNode().put("x", 1), "object instead at", admin));
            case 3 -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.arrayNode().add(1).add("2"), "array instead at", admin));
            case 4 -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.nullNode(), "null at", admin));
            case 5 -> field.map(f -> removed(op, f, admin));
            case 6 -> field.flatMap(f -> Arbitraries.of(INJECTIONS).map(text ->
                    replaced(op, f, JsonNodeFactory.instance.textNode(text), "injection text " + abbreviate(text) + " at", admin)));
            case 7 -> Arbitraries.of("{", "[1,2", "{\"a\":}", "not json at all", "\"a string\"", "[]", "12345678901234567890",
                    "{\"items\": [" + "[".repeat(5000) + "]}").map(text -> new Attack(op, "body " + abbreviate(text), text, admin));
            case 8 -> Arbitraries.of("__proto__", "constructor", "tenant_id", "price", "status", "zzz_unknown").map(name -> {
                ObjectNode body = op.validBody().deepCopy();
                body.put(name, "hostile");
                return new Attack(op, "extra field " + name, body.toString(), admin);
            });
            default -> field.map(f -> replaced(op, f, JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e40")),
                    "absurd number at", admin));
        };
    }

    @Property(tries = 250)
    void aHostileBodyNeverGetsA5xxAndARefusalWritesNothing(@ForAll("attacks") Attack attack) {
        long before = writtenByAttackers();
        Platform.Answer answer = Platform.send(attack.operation().service(), attack.operation().method(),
                attack.operation().path(), attack.asAdmin() ? Platform.ADMIN : Platform.SHOPPER, attack.body(), Map.of());
        assertTrue(answer.status() < 500, attack + " answered " + answer.status() + ": " + answer.body());
        if (answer.status() >= 400) {
            assertTrue(answer.isProblem() || answer.isProtocolRefusal(), attack + " answered " + answer.status() + " as " + answer.contentType());
            assertEquals(before, writtenByAttackers(), attack + " was refused (" + answer.status() + ") yet wrote rows");
        }
    }

    /** What the two attacking callers' requests can leave: the services' rows and the events they append. */
    static long writtenByAttackers() {
        return Platform.count("SELECT (SELECT count(*) FROM orders.order_summaries WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM inventory.products WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM payments.payment_methods WHERE tenant_id = ?)"
                + " + (SELECT count(*) FROM event_store.events WHERE tenant_id = ? AND metadata->>'user_id' IN (?, ?))",
                Platform.TENANT, Platform.TENANT, Platform.TENANT, Platform.TENANT, Platform.SHOPPER_ID, subject(Platform.ADMIN));
    }

    static String subject(String token) {
        try {
            return Platform.JSON.readTree(Platform.claims(token)).get("sub").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Attack replaced(OpenApiBodies.Operation op, OpenApiBodies.Field field, JsonNode value, String what, boolean admin) {
        ObjectNode body = op.validBody().deepCopy();
        if (field.pointer().isEmpty()) return new Attack(op, what + " the body", value.toString(), admin);
        set(body, field.pointer(), value);
        return new Attack(op, what + " " + field.pointer(), body.toString(), admin);
    }

    private static Attack removed(OpenApiBodies.Operation op, OpenApiBodies.Field field, boolean admin) {
        ObjectNode body = op.validBody().deepCopy();
        if (field.pointer().isEmpty()) return new Attack(op, "empty object", "{}", admin);
        String parent = field.pointer().substring(0, field.pointer().lastIndexOf('/'));
        JsonNode container = parent.isEmpty() ? body : body.at(parent);
        String name = field.pointer().substring(field.pointer().lastIndexOf('/') + 1);
        if (container instanceof ObjectNode object) object.remove(name);
        else if (container instanceof com.fasterxml.jackson.databind.node.ArrayNode array) array.removeAll();
        return new Attack(op, "missing " + field.pointer(), body.toString(), admin);
    }

    private static void set(ObjectNode body, String pointer, JsonNode value) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode container = parent.isEmpty() ? body : body.at(parent);
        if (container instanceof ObjectNode object) object.set(name, value);
        else if (container instanceof com.fasterxml.jackson.databind.node.ArrayNode array) array.set(Integer.parseInt(name), value);
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 24 ? text.substring(0, 24) + "...(" + text.length() + ")" : text;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}

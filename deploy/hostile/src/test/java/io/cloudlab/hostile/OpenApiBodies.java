package io.cloudlab.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What each service's OpenAPI document ({@code /q/openapi?format=json}) says its JSON bodies look like: every
 * operation that takes one, a well-formed body built from its schema (with the platform's real ids where a
 * field names a product or a payment method, so that a mutation of one field is all that is wrong), and the
 * paths of every field in it, which the attacks then break one at a time.
 */
final class OpenApiBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An operation with a JSON body: where it lives and a body that its schema accepts. */
    record Operation(String service, String method, String path, ObjectNode validBody, List<Field> fields) {
        @Override
        public String toString() {
            return method + " " + service + path;
        }
    }

    /** A field of the valid body: its JSON pointer, its schema (enum, type, format). */
    record Field(String pointer, JsonNode schema) {}

    private final JsonNode document;

    private OpenApiBodies(JsonNode document) {
        this.document = document;
    }

    /** A GET with query parameters: where it lives and the parameters' names. */
    record Query(String service, String path, List<String> parameters) {
        @Override
        public String toString() {
            return "GET " + service + path;
        }
    }

    static List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        documents().forEach((service, document) -> operations.addAll(new OpenApiBodies(document).operations(service)));
        return operations;
    }

    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        documents().forEach((service, document) -> {
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                List<String> names = new ArrayList<>();
                for (JsonNode p : path.getValue().path("get").path("parameters")) {
                    if ("query".equals(p.path("in").asText())) names.add(p.path("name").asText());
                }
                if (!names.isEmpty()) queries.add(new Query(service, concrete(path.getKey(), Platform.ORDER), names));
            }
        });
        return queries;
    }

    private static Map<String, JsonNode> documents() {
        Map<String, JsonNode> documents = new java.util.TreeMap<>();
        for (Map.Entry<String, String> service : Platform.SERVICES.entrySet()) {
            Platform.Answer answer = Platform.send(service.getKey(), "GET", "/q/openapi?format=json", null, null, Map.of());
            if (answer.status() != 200) throw new AssertionError(service.getKey() + " has no OpenAPI document: " + answer.status());
            documents.put(service.getKey(), answer.json());
        }
        return documents;
    }

    private List<Operation> operations(String service) {
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("post", "put", "patch")) {
                JsonNode schema = path.getValue().path(method).path("requestBody").path("content").path("application/json").path("schema");
                if (schema.isMissingNode()) continue;
                JsonNode resolved = resolve(schema);
                if (!"object".equals(resolved.path("type").asText("object"))) continue;
                List<Field> fields = new ArrayList<>();
                ObjectNode body = (ObjectNode) valid(resolved, "", fields, 0);
                found.add(new Operation(service, method.toUpperCase(), concrete(path.getKey(), NO_SUCH_ORDER), body, fields));
            }
        }
        return found;
    }

    /**
     * An order id no order has, for the bodies sent to an order's commands: a broken body must be refused
     * whether or not the order exists, while a well-formed one must not cancel or refund the shopper's real,
     * paid order behind the system test's back (a customer's cancel of a paid order does not refund it yet:
     * docs/performance.md, "Platform findings").
     */
    private static final java.util.UUID NO_SUCH_ORDER = java.util.UUID.randomUUID();

    /** Path parameters filled: orders with {@code order}, products (and any {id}) with the tenant's product. */
    private static String concrete(String template, java.util.UUID order) {
        return template.replaceAll("\\{orderId}|\\{order_id}", order.toString())
                .replaceAll("\\{productId}|\\{product_id}|\\{id}", Platform.PRODUCT.toString())
                .replaceAll("\\{[^}]+}", order.toString());
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) return resolve(current.get("allOf").get(0));
        return current;
    }

    private JsonNode valid(JsonNode schemaRef, String pointer, List<Field> fields, int depth) {
        JsonNode schema = resolve(schemaRef);
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (depth > 0) fields.add(new Field(pointer, schema));
        if (schema.has("enum")) return schema.get("enum").get(0);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields(); p.hasNext() && depth < 4; ) {
                    Map.Entry<String, JsonNode> property = p.next();
                    if (property.getValue().path("readOnly").asBoolean(false)) continue;
                    object.set(property.getKey(), valid(property.getValue(), pointer + "/" + property.getKey(), fields, depth + 1));
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(valid(schema.path("items"), pointer + "/0", fields, depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(name.contains("year") ? 2030 : name.contains("month") ? 12 : 1);
            case "number":
                return NODES.numberNode(9.5);
            case "boolean":
                return NODES.booleanNode(false);
            default:
                return NODES.textNode(sample(name, schema.path("format").asText("")));
        }
    }

    /** A plausible value for a string field, by its name and format: real ids where the platform needs them. */
    private static String sample(String name, String format) {
        if (name.contains("product_id")) return Platform.PRODUCT.toString();
        if (name.contains("payment_method_id")) return Platform.CARD.toString();
        if (name.contains("order_id")) return Platform.ORDER.toString();
        if (name.equals("currency")) return "EUR";
        if (name.equals("country")) return "GB";
        if (name.equals("number")) return "4242424242424242";
        if (name.equals("cvc")) return "123";
        if (name.contains("price") || name.contains("amount")) return "9.50";
        if ("uuid".equals(format)) return "00000000-0000-0000-0000-000000000000";
        if ("date".equals(format)) return "2026-12-01";
        if ("date-time".equals(format)) return "2026-12-01T10:00:00Z";
        return "hostile " + name;
    }
}

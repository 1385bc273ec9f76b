package io.cloudlab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The event catalogue's section on what crosses services, written from the committed schemas. */
final class Catalogue {

    static final String BEGIN = "<!-- contracts:begin (written from contracts/src/main/resources/schemas by ContractsTest) -->";
    static final String END = "<!-- contracts:end -->";

    private Catalogue() {}

    static String section() {
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n");
        for (Participant<?, ?> p : Contracts.PARTICIPANTS) {
            out.append("### ").append(p.name()).append(" (commands: `").append(p.commandStream()).append("` streams)\n\n");
            out.append("| type | v | kind | fields |\n| --- | --- | --- | --- |\n");
            for (Class<?> c : p.commands().getPermittedSubclasses()) row(out, c, "command");
            for (Class<?> r : p.replies().getPermittedSubclasses()) {
                row(out, r, SagaReply.Failure.class.isAssignableFrom(r) ? "reply: step failed" : "reply: step done");
            }
            out.append('\n');
        }
        out.append("### Every reply also carries\n\n| type | v | kind | fields |\n| --- | --- | --- | --- |\n");
        row(out, ReplyHeader.class, "reply header");
        out.append("\n### Domain events read by other services\n\n| type | v | kind | fields |\n| --- | --- | --- | --- |\n");
        for (Class<?> e : Contracts.EVENTS) row(out, e, "event");
        return out.append('\n').append(END).toString();
    }

    private static void row(StringBuilder out, Class<?> type, String kind) {
        int version = Wire.versionOf(type);
        JsonNode schema = Schemas.committed(type, version).orElseThrow(() -> new IllegalStateException(
                "no committed schema for " + type.getSimpleName()));
        out.append("| `").append(type.getSimpleName()).append("` | ").append(version).append(" | ").append(kind)
                .append(" | ").append(fields(schema, schema)).append(" |\n");
    }

    private static String fields(JsonNode node, JsonNode root) {
        JsonNode properties = node.path("properties");
        if (properties.isMissingNode() || properties.isEmpty()) return "—";
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.add(field(field.getKey(), resolve(field.getValue(), root), root));
        }
        return String.join(", ", out);
    }

    private static String field(String name, JsonNode schema, JsonNode root) {
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(t -> types.add(t.asText()));
        if (schema.path("type").isTextual()) types.add(schema.path("type").asText());
        boolean nullable = types.remove("null");
        String type = types.isEmpty() ? "any" : types.get(0);
        if (type.equals("array")) {
            JsonNode items = resolve(schema.path("items"), root);
            return "`" + name + "[]`" + (nullable ? " (or null)" : "") + " {" + fields(items, root) + "}";
        }
        if (schema.has("format")) type = schema.get("format").asText();
        else if (schema.has("pattern")) type = "money";
        return "`" + name + "` " + type + (nullable ? " or null" : "");
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        if (!schema.has("$ref")) return schema;
        String ref = schema.get("$ref").asText();
        return root.at(ref.substring(1));
    }
}

package io.cloudlab.console.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A service's JSON as the templates read it: maps and lists (Qute resolves {@code {saga.status}} on a map). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static Object plain(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    /** Indented JSON, for payloads shown as they are. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}

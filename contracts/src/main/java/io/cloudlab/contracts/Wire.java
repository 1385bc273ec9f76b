package io.cloudlab.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The one codec policy for what crosses a service boundary. Field names come only from each component's
 * {@code @JsonProperty}, never from Java names, so a rename in Java cannot change the wire; every field is
 * written, null included; a reader ignores fields it does not know (an added field is not a new version);
 * nothing is coerced: {@code "3"} or {@code 1.5} is no quantity, so a malformed message fails to read instead
 * of reading as something else.
 */
public final class Wire {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("money").addDeserializer(BigDecimal.class, new MoneyReader()))
            .disable(MapperFeature.AUTO_DETECT_GETTERS, MapperFeature.AUTO_DETECT_IS_GETTERS)
            // Money is a string on the wire (read as a decimal); a number or a flag never is.
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                    DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // An enum is written as its toString: the seed's spelling (pending_payment, credit_card).
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Wire() {}

    /** Every decimal of a contract is money, and money is a string: {@code 10} or {@code 9.99} is refused. */
    private static final class MoneyReader extends StdScalarDeserializer<BigDecimal> {

        MoneyReader() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            }
            try {
                return new BigDecimal(parser.getText());
            } catch (NumberFormatException e) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, parser.getText(), "not a decimal");
            }
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The message's fields as a JSON object's map (Vert.x's JsonObject wraps it as is). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object message) {
        return MAPPER.convertValue(message, Map.class);
    }

    /** Reads {@code type} from a JSON object's fields; a message that does not fit is an IllegalArgumentException. */
    public static <T> T read(Map<String, Object> fields, Class<T> type) {
        return MAPPER.convertValue(fields, type);
    }

    /** The type's name on the wire: the record's simple name. */
    public static String typeOf(Object message) {
        return nameOf(message.getClass());
    }

    /** The name on the wire of a message type. */
    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }

    public static int versionOf(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        return version == null ? 1 : version.value();
    }
}

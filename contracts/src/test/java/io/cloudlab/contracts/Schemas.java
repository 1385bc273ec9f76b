package io.cloudlab.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The committed schemas and how they are made: victools' generator reads the records (with Jackson's
 * annotations, so the wire names), networknt's validator checks messages against them.
 */
final class Schemas {

    static final Path DIR = Path.of(System.getProperty("contracts.schemas", "src/main/resources/schemas"));
    static final boolean WRITE = Boolean.parseBoolean(System.getProperty("contracts.write", "false"));

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final JsonSchemaFactory VALIDATORS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaGenerator GENERATOR = generator();

    private Schemas() {}

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                com.github.victools.jsonschema.generator.SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_ORDER))
                .with(Option.STANDARD_FORMATS, Option.NULLABLE_FIELDS_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // Writers write every field, null or not: a reader may rely on each being there.
        config.forFields().withRequiredCheck(field -> true);
        config.forFields().withNullableCheck(field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
        // Money is a decimal string on the wire, whatever its Java type.
        config.forFields().withTargetTypeOverridesResolver(field -> money(field.getAnnotationConsideringFieldAndGetter(
                JsonFormat.class), field.getType().getErasedType())
                ? List.of(field.getContext().resolve(String.class)) : null);
        config.forFields().withStringPatternResolver(field -> money(field.getAnnotationConsideringFieldAndGetter(
                JsonFormat.class), field.getDeclaredType().getErasedType()) ? "^[0-9]{1,8}\\.[0-9]{2}$" : null);
        return new SchemaGenerator(config.build());
    }

    private static boolean money(JsonFormat format, Class<?> type) {
        return format != null && format.shape() == JsonFormat.Shape.STRING && BigDecimal.class.equals(type);
    }

    static ObjectNode generate(Class<?> type) {
        ObjectNode schema = GENERATOR.generateSchema(type);
        ObjectNode ordered = PRETTY.createObjectNode();
        ordered.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        ordered.put("title", type.getSimpleName());
        ordered.put("x-schema-version", Wire.versionOf(type));
        ordered.setAll(schema);
        return ordered;
    }

    static String text(JsonNode schema) {
        try {
            return PRETTY.writeValueAsString(PRETTY.treeToValue(schema, Object.class)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(Class<?> type, int version) {
        return DIR.resolve(type.getSimpleName() + ".v" + version + ".json");
    }

    static Optional<JsonNode> committed(Class<?> type, int version) {
        Path file = file(type, version);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(PRETTY.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Class<?> type, JsonNode schema) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(file(type, Wire.versionOf(type)), text(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a reader holding {@code schema} finds wrong with {@code message}; empty when it reads it. */
    static Set<ValidationMessage> problems(JsonNode schema, Object message) {
        JsonSchema validator = VALIDATORS.getSchema(schema);
        return validator.validate(Wire.mapper().valueToTree(message));
    }
}

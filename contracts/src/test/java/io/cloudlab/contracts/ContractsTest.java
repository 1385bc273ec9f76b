package io.cloudlab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contracts hold: each type's wire names are pinned, its committed schema is the one its record makes,
 * and what a writer writes today is read by a reader of the committed schema. A field removed, renamed or
 * retyped breaks the last, and only a new {@link SchemaVersion} (old schema kept) gets past it.
 * Run with {@code -Dcontracts.write=true} to write a new type's schema, or a changed one that old readers
 * still read.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ContractsTest {

    @Test
    void everyFieldHasAPinnedWireName() {
        List<String> unpinned = new ArrayList<>();
        for (Class<?> type : withNested(Contracts.all())) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (Examples.wireName(c) == null) unpinned.add(type.getSimpleName() + "." + c.getName());
            }
        }
        assertEquals(List.of(), unpinned, "fields whose wire name would follow a Java rename");
    }

    @Test
    void typeNamesAreUniqueOnTheWire() {
        List<String> names = Contracts.all().stream().map(Class::getSimpleName).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), "two contract types share a name: " + names);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void committedSchemasAreTheRecords() {
        List<String> stale = new ArrayList<>();
        for (Class<?> type : Contracts.all()) {
            int version = Wire.versionOf(type);
            JsonNode generated = Schemas.generate(type);
            Optional<JsonNode> committed = Schemas.committed(type, version);
            if (committed.isPresent() && committed.get().equals(generated)) continue;
            if (!Schemas.WRITE) {
                stale.add(type.getSimpleName() + ".v" + version + (committed.isEmpty() ? " (missing)" : " (differs)"));
                continue;
            }
            committed.ifPresent(old -> assertReads(old, type, "the change would break readers of "
                    + type.getSimpleName() + " v" + version + ": give it @SchemaVersion(" + (version + 1)
                    + ") and an upcaster in its readers"));
            Schemas.write(type, generated);
        }
        assertEquals(List.of(), stale, "schemas to write with -Dcontracts.write=true (refused if readers would break)");
    }

    @Test
    void readersOfEveryCommittedSchemaReadWhatIsWrittenToday() {
        for (Class<?> type : Contracts.all()) {
            int version = Wire.versionOf(type);
            Optional<JsonNode> committed = Schemas.committed(type, version);
            assertTrue(committed.isPresent(), "no committed schema for " + type.getSimpleName() + " v" + version);
            assertReads(committed.get(), type, type.getSimpleName() + " no longer matches its committed v" + version
                    + " schema: a field was removed, renamed or retyped; that is a new @SchemaVersion with an upcaster");
            for (int older = 1; older < version; older++) {
                assertTrue(Schemas.committed(type, older).isPresent(),
                        "the v" + older + " schema of " + type.getSimpleName() + " is gone: readers of it remain");
            }
        }
    }

    @Test
    void aRenamedFieldIsCaught() {
        // The check above must be able to fail: the ReserveStock schema, read as if its lines were renamed.
        JsonNode schema = Schemas.committed(io.cloudlab.contracts.inventory.ReserveStock.class, 1).orElseThrow();
        Object renamed = Map.of("saga_id", java.util.UUID.randomUUID().toString(),
                "order_id", java.util.UUID.randomUUID().toString(), "items", List.of());
        Set<ValidationMessage> problems = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(schema)
                .validate(Wire.mapper().valueToTree(renamed));
        assertFalse(problems.isEmpty(), "a message without lines passed the ReserveStock schema");
    }

    @Test
    void everyTypeReadsBackWhatItWrites() {
        for (Class<?> type : Contracts.all()) {
            for (boolean nulls : new boolean[] {false, true}) {
                Object example = Examples.of(type, nulls);
                assertEquals(example, Wire.read(Wire.fields(example), type), type.getSimpleName());
            }
        }
    }

    @Test
    void aMalformedCommandDoesNotRead() {
        Map<String, Object> fields = Wire.fields(Examples.of(io.cloudlab.contracts.inventory.ReserveStock.class));
        fields.put("lines", List.of(Map.of("product_id", java.util.UUID.randomUUID().toString(), "quantity", "3")));
        try {
            Wire.read(fields, io.cloudlab.contracts.inventory.ReserveStock.class);
            fail("a quantity of \"3\" was read as a number");
        } catch (IllegalArgumentException expected) {
            // a string is not a quantity
        }
    }

    @Test
    void theEventCatalogueShowsTheSchemas() throws Exception {
        java.nio.file.Path doc = java.nio.file.Path.of(System.getProperty("contracts.docs", "../docs/event-catalogue.md"));
        String text = java.nio.file.Files.readString(doc);
        String section = Catalogue.section();
        int begin = text.indexOf(Catalogue.BEGIN);
        int end = text.indexOf(Catalogue.END);
        assertTrue(begin >= 0 && end > begin, doc + " has no section between " + Catalogue.BEGIN + " and " + Catalogue.END);
        String current = text.substring(begin, end + Catalogue.END.length());
        if (!current.equals(section) && Schemas.WRITE) {
            java.nio.file.Files.writeString(doc, text.replace(current, section));
            return;
        }
        assertEquals(section, current, doc + " differs from the committed schemas: run with -Dcontracts.write=true");
    }

    /** Both what a writer writes with every field set and with every nullable field null. */
    private static void assertReads(JsonNode schema, Class<?> type, String message) {
        assertEquals(Set.of(), Schemas.problems(schema, Examples.of(type, false)), message);
        assertEquals(Set.of(), Schemas.problems(schema, Examples.of(type, true)), message + " (nullable fields null)");
    }

    private static List<Class<?>> withNested(List<Class<?>> types) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> t : types) addWithNested(t, all);
        return all;
    }

    private static void addWithNested(Class<?> type, List<Class<?>> all) {
        if (!type.isRecord() || all.contains(type)) return;
        all.add(type);
        for (RecordComponent c : type.getRecordComponents()) {
            addWithNested(c.getType(), all);
            if (c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                addWithNested(e, all);
            }
        }
    }
}

package io.cloudlab.support.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one check of the platform's event-codec policy: every component of every event record, and of the
 * records inside them, names its wire field with a snake_case {@code @JsonProperty} (a Java rename cannot
 * change the stored JSON), and money is pinned as a string.
 */
public final class PinnedWireNames {

    private PinnedWireNames() {}

    /** Checks every record permitted by {@code events}; returns the wire names checked, as Type.field. */
    public static List<String> assertPinned(Class<?> events) {
        List<String> checked = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> event : events.getPermittedSubclasses()) {
            assertTrue(event.isRecord(), event + " is a record");
            check(event, seen, checked);
        }
        return checked;
    }

    private static void check(Class<?> type, Set<Class<?>> seen, List<String> checked) {
        if (!type.isRecord() || !seen.add(type)) return;
        for (RecordComponent component : type.getRecordComponents()) {
            String where = type.getSimpleName() + "." + component.getName();
            // @JsonProperty does not target record components: it lands on the accessor (and field, parameter).
            JsonProperty name = component.getAccessor().getAnnotation(JsonProperty.class);
            assertNotNull(name, where + " has no @JsonProperty");
            assertTrue(name.value().matches("[a-z][a-z0-9_]*"), where + " is not snake_case: " + name.value());
            if (component.getType() == BigDecimal.class) {
                JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
                assertTrue(format != null && format.shape() == JsonFormat.Shape.STRING,
                        where + " is money: @JsonFormat(shape = STRING)");
            }
            checked.add(type.getSimpleName() + "." + name.value());
            check(component.getType(), seen, checked);
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    if (argument instanceof Class<?> element) check(element, seen, checked);
                }
            }
        }
    }
}

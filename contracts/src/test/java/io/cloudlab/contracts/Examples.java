package io.cloudlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An instance of each contract record with every field set, null ones included: what a writer of today
 * writes, for a reader of a committed schema to read.
 */
final class Examples {

    private Examples() {}

    static Object of(Class<?> type) {
        return of(type, false);
    }

    /** With {@code nulls}, every {@link Nullable} field null: a reader must take that too. */
    static Object of(Class<?> type, boolean nulls) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            boolean nullable = components[i].getAccessor().isAnnotationPresent(Nullable.class);
            values[i] = nulls && nullable ? null : value(components[i].getGenericType(), wireName(components[i]), nulls);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an example of " + type, e);
        }
    }

    /** The component's {@code @JsonProperty} (Jackson's annotation lands on the record's field), or null. */
    static String wireName(RecordComponent component) {
        try {
            JsonProperty name = component.getDeclaringRecord().getDeclaredField(component.getName())
                    .getAnnotation(JsonProperty.class);
            return name == null || name.value().isEmpty() ? null : name.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Type type, String name, boolean nulls) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(value(list.getActualTypeArguments()[0], name, nulls));
        }
        Class<?> c = (Class<?>) type;
        if (c == UUID.class) return UUID.nameUUIDFromBytes(String.valueOf(name).getBytes());
        if (c == String.class) return name.equals("currency") ? "EUR" : "some " + name;
        if (c == int.class || c == Integer.class) return 2;
        if (c == boolean.class || c == Boolean.class) return true;
        if (c == BigDecimal.class) return new BigDecimal("49.95");
        if (c == Instant.class) return Instant.parse("2026-11-22T10:00:00Z");
        if (c.isRecord()) return of(c, nulls);
        throw new IllegalStateException("no example value for " + c + " (" + name + ")");
    }
}

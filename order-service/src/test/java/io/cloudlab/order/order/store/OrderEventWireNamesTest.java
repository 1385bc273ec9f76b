package io.cloudlab.order.order.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.order.order.domain.OrderEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every component of every order event, and of the records inside them, names its wire field with
 * {@code @JsonProperty}: a Java rename cannot change the stored JSON. Money is pinned as a string.
 */
class OrderEventWireNamesTest {

    @Test
    void everyComponentHasAPinnedWireNameAndMoneyIsAString() {
        Class<?>[] events = OrderEvent.class.getPermittedSubclasses();
        assertEquals(8, events.length, "every event type is in the golden test too");
        List<String> checked = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> event : events) check(event, seen, checked);
        assertTrue(checked.contains("OrderLine.unit_price"), "records inside events are checked too: " + checked);
        assertTrue(checked.contains("ShippingAddress.postal_code"), checked.toString());
    }

    private static void check(Class<?> type, Set<Class<?>> seen, List<String> checked) {
        if (!type.isRecord() || !seen.add(type)) return;
        for (RecordComponent component : type.getRecordComponents()) {
            // @JsonProperty does not target record components: it lands on the accessor (and field, parameter).
            JsonProperty name = component.getAccessor().getAnnotation(JsonProperty.class);
            assertNotNull(name, type.getSimpleName() + "." + component.getName() + " has no @JsonProperty");
            if (component.getType() == BigDecimal.class) {
                JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
                assertTrue(format != null && format.shape() == JsonFormat.Shape.STRING,
                        type.getSimpleName() + "." + component.getName() + " is money: @JsonFormat(shape = STRING)");
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

package io.cloudlab.inventory.product.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every field of every Product event is named on the wire by its annotation, never by its Java name. */
class ProductEventWireNamesTest {

    @Test
    void everyComponentOfEveryEventHasAPinnedNameAndMoneyIsAString() {
        Class<?>[] events = ProductEvent.class.getPermittedSubclasses();
        assertEquals(8, events.length);
        for (Class<?> event : events) {
            assertTrue(event.isRecord(), event + " is a record");
            for (RecordComponent component : event.getRecordComponents()) {
                String where = event.getSimpleName() + "." + component.getName();
                // On the accessor: Java copies a component's annotations there (and to the field and the constructor
                // parameter) when their targets allow, which is where Jackson reads them.
                JsonProperty name = component.getAccessor().getAnnotation(JsonProperty.class);
                assertNotNull(name, where + " has no @JsonProperty");
                assertTrue(name.value().matches("[a-z][a-z0-9_]*"), where + " is not snake_case: " + name.value());
                if (component.getType() == BigDecimal.class) {
                    JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
                    assertNotNull(format, where + " is money without @JsonFormat(STRING)");
                    assertEquals(JsonFormat.Shape.STRING, format.shape(), where);
                }
            }
        }
    }
}

package io.cloudlab.payment.payment.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every payment event's wire names are pinned in the record, so a Java rename cannot change the payload. */
class PaymentEventWireNamesTest {

    @Test
    void everyComponentOfEveryEventHasItsWireName() {
        Class<?>[] events = PaymentEvent.class.getPermittedSubclasses();
        assertEquals(6, events.length);
        for (Class<?> event : events) {
            assertTrue(event.isRecord(), event + " is a record");
            for (RecordComponent component : event.getRecordComponents()) {
                String where = event.getSimpleName() + "." + component.getName();
                // Jackson annotations carry to the accessor (their targets have no RECORD_COMPONENT).
                JsonProperty name = component.getAccessor().getAnnotation(JsonProperty.class);
                assertNotNull(name, where + " has no @JsonProperty");
                assertTrue(name.value().matches("[a-z]+(_[a-z]+)*"), where + " is not snake_case: " + name.value());
                if (component.getType() == BigDecimal.class) {
                    JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
                    assertTrue(format != null && format.shape() == JsonFormat.Shape.STRING, where + " is money: a string");
                }
            }
        }
    }
}

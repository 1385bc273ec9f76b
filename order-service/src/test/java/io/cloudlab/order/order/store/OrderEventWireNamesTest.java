package io.cloudlab.order.order.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.support.testing.PinnedWireNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every order event, and every record inside one, keeps the platform's event-codec policy. */
class OrderEventWireNamesTest {

    @Test
    void everyComponentHasAPinnedWireNameAndMoneyIsAString() {
        assertEquals(11, OrderEvent.class.getPermittedSubclasses().length, "every event type is in the golden test too");
        List<String> checked = PinnedWireNames.assertPinned(OrderEvent.class);
        assertTrue(checked.contains("OrderLine.unit_price"), "records inside events are checked too: " + checked);
        assertTrue(checked.contains("ShippingAddress.postal_code"), checked.toString());
    }
}

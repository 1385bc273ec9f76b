package io.cloudlab.payment.payment.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.support.testing.PinnedWireNames;
import org.junit.jupiter.api.Test;

/** Every Payment event keeps the platform's event-codec policy: pinned wire names, money as a string. */
class PaymentEventWireNamesTest {

    @Test
    void everyComponentOfEveryEventHasItsWireName() {
        assertEquals(7, PaymentEvent.class.getPermittedSubclasses().length);
        PinnedWireNames.assertPinned(PaymentEvent.class);
    }
}

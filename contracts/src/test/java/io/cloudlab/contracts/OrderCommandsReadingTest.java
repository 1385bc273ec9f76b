package io.cloudlab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.contracts.order.CancelOrder;
import io.cloudlab.contracts.order.RejectOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order commands' reasons: a default when none is given, cut to what the order keeps. */
class OrderCommandsReadingTest {

    @Test
    void aMissingReasonGetsTheDefaultAndALongOneIsCut() {
        UUID saga = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        assertEquals("could not be fulfilled", new RejectOrder(saga, order, null).reason());
        assertEquals("could not be fulfilled", new RejectOrder(saga, order, " ").reason());
        assertEquals("cancelled by the platform", new CancelOrder(saga, order, null).reason());
        assertEquals(RejectOrder.MAX_REASON, new RejectOrder(saga, order, "x".repeat(900)).reason().length());
    }
}

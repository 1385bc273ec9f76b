package io.cloudlab.inventory.product.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.support.testing.PinnedWireNames;
import org.junit.jupiter.api.Test;

/** Every Product event keeps the platform's event-codec policy: pinned wire names, money as a string. */
class ProductEventWireNamesTest {

    @Test
    void everyComponentOfEveryEventHasAPinnedNameAndMoneyIsAString() {
        assertEquals(9, ProductEvent.class.getPermittedSubclasses().length);
        PinnedWireNames.assertPinned(ProductEvent.class);
    }
}

package io.cloudlab.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which notifications wake which subscription: a missed wake costs a poll interval, a spare one a read. */
class AppendNotifierTest {

    @Test
    void a_subscription_wakes_for_a_type_it_reads() {
        assertTrue(AppendNotifier.concerns("Order,Product", Set.of("Product")));
    }

    @Test
    void a_subscription_sleeps_through_types_it_does_not_read() {
        assertFalse(AppendNotifier.concerns("InventoryCommand,Product", Set.of("Order")));
        assertFalse(AppendNotifier.concerns("OrderCommand", Set.of("Order")), "whole names, not prefixes");
    }

    @Test
    void a_subscription_of_every_type_and_a_bare_notification_always_wake() {
        assertTrue(AppendNotifier.concerns("Payment", null));
        assertTrue(AppendNotifier.concerns("", Set.of("Order")));
        assertTrue(AppendNotifier.concerns(null, Set.of("Order")));
    }

    @Test
    void the_rest_of_a_window_is_waited_in_whole_milliseconds_never_under_one() {
        // Vert.x timers (Mutiny's delays under Quarkus) refuse under 1 ms; such a failure once stopped every NOTIFY.
        assertEquals(Duration.ofMillis(1), AppendNotifier.delayOf(1));
        assertEquals(Duration.ofMillis(1), AppendNotifier.delayOf(999_999));
        assertEquals(Duration.ofMillis(1), AppendNotifier.delayOf(1_000_000));
        assertEquals(Duration.ofMillis(2), AppendNotifier.delayOf(1_000_001));
        assertEquals(Duration.ofMillis(5), AppendNotifier.delayOf(4_900_000));
    }
}

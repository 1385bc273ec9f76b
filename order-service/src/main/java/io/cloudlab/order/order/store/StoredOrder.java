package io.cloudlab.order.order.store;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.domain.OrderState;
import java.util.List;
import java.util.UUID;

/**
 * An order as loaded from its stream: the state its events fold to, the version to append after, and the
 * stored events (their ids, times and positions).
 */
public record StoredOrder(UUID orderId, OrderState state, int version, List<RecordedEvent> history) {

    /** Whether the stream already holds this event: the command that appends it ran before (a retry). */
    public boolean holds(UUID eventId) {
        return history.stream().anyMatch(e -> e.eventId().equals(eventId));
    }

    public long lastPosition() {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).position();
    }
}

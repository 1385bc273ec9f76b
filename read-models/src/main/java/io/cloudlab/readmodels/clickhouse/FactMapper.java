package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import java.util.List;

/**
 * Turns one event into the fact rows it adds: a pure function (no I/O, no clock), so projecting, rebuilding,
 * auditing and a unit test all get the same rows from the same event.
 */
@FunctionalInterface
public interface FactMapper {

    /**
     * @return the event's rows, none for an event that adds no fact
     * @throws RuntimeException for an event this mapping cannot read: it is retried, then parked, never skipped silently
     */
    List<FactRow> facts(RecordedEvent event);
}

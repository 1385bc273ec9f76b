package io.cloudlab.eventstore;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stream as loaded: its latest usable snapshot (if asked for and present) and the events after it.
 *
 * @param version the stream's version: the expected version for the next append
 */
public record LoadedStream(UUID aggregateId, String aggregateType, Optional<Snapshot> snapshot,
        List<RecordedEvent> events, int version) {

    public boolean exists() {
        return version > 0;
    }
}

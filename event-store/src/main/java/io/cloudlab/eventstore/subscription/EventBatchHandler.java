package io.cloudlab.eventstore.subscription;

import io.cloudlab.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Handles a batch of events in delivery order. The subscription moves its checkpoint only after the
 * returned Uni succeeds; on failure (or a crash) the batch is delivered again: at least once, so handlers
 * deduplicate by event id or are idempotent.
 */
@FunctionalInterface
public interface EventBatchHandler {
    Uni<Void> handle(List<RecordedEvent> batch);
}

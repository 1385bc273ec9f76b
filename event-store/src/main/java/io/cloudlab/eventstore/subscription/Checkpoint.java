package io.cloudlab.eventstore.subscription;

import io.cloudlab.eventstore.RecordedEvent;

/** The last event a subscription handled, as (transaction id, position): the store's delivery order. */
public record Checkpoint(long transactionId, long position) {

    public static final Checkpoint START = new Checkpoint(0, 0);

    public static Checkpoint of(RecordedEvent event) {
        return new Checkpoint(event.transactionId(), event.position());
    }
}

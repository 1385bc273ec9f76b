package io.cloudlab.eventstore.subscription;

import io.cloudlab.eventstore.RecordedEvent;

/** The last event a subscription handled, as (transaction id, position): the store's delivery order. */
public record Checkpoint(long transactionId, long position) {

    public static final Checkpoint START = new Checkpoint(0, 0);

    public static Checkpoint of(RecordedEvent event) {
        return new Checkpoint(event.transactionId(), event.position());
    }

    /** Reads {@link #text()}; null or empty text is the start. */
    public static Checkpoint parse(String text) {
        if (text == null || text.isEmpty()) return START;
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("not a checkpoint: " + text);
        return new Checkpoint(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    /** "transactionId:position", the form a checkpoint kept outside PostgreSQL is stored in. */
    public String text() {
        return transactionId + ":" + position;
    }

    /** Whether a subscription at this checkpoint has handled {@code event}. */
    public boolean covers(RecordedEvent event) {
        return transactionId > event.transactionId()
                || (transactionId == event.transactionId() && position >= event.position());
    }
}

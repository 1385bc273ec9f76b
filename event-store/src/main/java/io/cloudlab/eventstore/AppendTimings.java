package io.cloudlab.eventstore;

/**
 * Where the store reports how long each append took, and how it ended, without the store depending on a
 * metrics library (the Quarkus wiring records them as the {@code cloudlab_event_store_append_seconds} timer).
 */
@FunctionalInterface
public interface AppendTimings {

    AppendTimings NONE = (aggregateType, mode, outcome, nanos) -> { };

    /**
     * @param mode    {@code grouped} (an append of its own, group-committed) or {@code within} (inside a caller's
     *                transaction: the caller's commit is not counted)
     * @param outcome {@code appended}, {@code replayed}, {@code conflict}, {@code refused} (an
     *                {@link EventStoreException}) or {@code failed}
     */
    void record(String aggregateType, String mode, String outcome, long nanos);

    static String outcome(AppendResult result, Throwable failure) {
        if (failure == null) return result.replayed() ? "replayed" : "appended";
        if (failure instanceof EventStoreException.ConcurrencyConflict) return "conflict";
        return failure instanceof EventStoreException ? "refused" : "failed";
    }
}

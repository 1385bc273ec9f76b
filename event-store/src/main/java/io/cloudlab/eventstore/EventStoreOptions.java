package io.cloudlab.eventstore;

import java.util.Map;
import java.util.Set;

/**
 * @param aggregateTypes the aggregate types this service may append (anything else is refused)
 * @param maxEventBytes  largest encoded payload of one event; larger ones are refused, not truncated
 * @param maxBatchSize   most events in one append
 * @param snapshotEvery  per aggregate type: take a snapshot once this many events follow the last one
 * @param maxAppendsInFlight append statements at once; appends arriving meanwhile are sent together
 *                       (group commit), so more is not faster: measured best at 1 (docs/event-store.md)
 */
public record EventStoreOptions(Set<String> aggregateTypes, int maxEventBytes, int maxBatchSize,
        Map<String, Integer> snapshotEvery, int maxAppendsInFlight) {

    public static EventStoreOptions forTypes(String... aggregateTypes) {
        return new EventStoreOptions(Set.of(aggregateTypes), 256 * 1024, 1000, Map.of(), 1);
    }

    public EventStoreOptions maxAppendsInFlight(int statements) {
        return new EventStoreOptions(aggregateTypes, maxEventBytes, maxBatchSize, snapshotEvery, statements);
    }

    public EventStoreOptions snapshotEvery(String aggregateType, int events) {
        var policy = new java.util.HashMap<>(snapshotEvery);
        policy.put(aggregateType, events);
        return new EventStoreOptions(aggregateTypes, maxEventBytes, maxBatchSize, Map.copyOf(policy), maxAppendsInFlight);
    }

    public EventStoreOptions maxEventBytes(int bytes) {
        return new EventStoreOptions(aggregateTypes, bytes, maxBatchSize, snapshotEvery, maxAppendsInFlight);
    }
}

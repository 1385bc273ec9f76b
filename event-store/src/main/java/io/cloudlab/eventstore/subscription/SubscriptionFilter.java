package io.cloudlab.eventstore.subscription;

import java.util.Set;

/** Which events a subscription receives; an empty set means "any". */
public record SubscriptionFilter(Set<String> aggregateTypes, Set<String> eventTypes) {

    public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of());

    public static SubscriptionFilter aggregateTypes(String... types) {
        return new SubscriptionFilter(Set.of(types), Set.of());
    }

    public String[] aggregateTypesOrNull() {
        return aggregateTypes.isEmpty() ? null : aggregateTypes.toArray(String[]::new);
    }

    public String[] eventTypesOrNull() {
        return eventTypes.isEmpty() ? null : eventTypes.toArray(String[]::new);
    }
}

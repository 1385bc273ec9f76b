package io.cloudlab.readmodels.testing;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.readmodels.redis.DocumentProjection;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;

/**
 * A Redis document projection of the probe counters, as a service declares one: a document per counter
 * ({@code counter:<id>}) and, per tenant, an index of its counters by total. Each subclass reads an aggregate
 * type of its own, so each test class has a projection (and a store's worth of events) to itself.
 */
public abstract class CounterProjection implements DocumentProjection {

    @Inject
    Scope scope;
    @Inject
    Switches switches;

    /** One of {@link RunScope#AGGREGATES}. */
    protected abstract String aggregate();

    public String type() {
        return scope.type(aggregate());
    }

    public static String document(UUID counter) {
        return "counter:" + counter;
    }

    public static String tenantIndex(UUID tenant) {
        return "tenant:" + tenant;
    }

    @Override
    public SubscriptionFilter filter() {
        return SubscriptionFilter.aggregateTypes(type());
    }

    @Override
    public String documentOf(RecordedEvent event) {
        if (switches.held(event.eventId())) throw new IllegalStateException("held: " + event);
        return document(event.aggregateId());
    }

    @Override
    public String apply(String current, RecordedEvent event) {
        if (switches.poisoned(event.eventId())) throw new IllegalStateException("poisoned event " + event.eventId());
        return CounterFold.apply(current, event);
    }

    @Override
    public Set<IndexEntry> indexes(String document, String json) {
        JsonObject counter = new JsonObject(json);
        return Set.of(new IndexEntry(tenantIndex(UUID.fromString(counter.getString("tenant"))), counter.getLong("total"),
                counter.getString("counter")));
    }
}

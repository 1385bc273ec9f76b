package io.cloudlab.readmodels.testing;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One probe counter in the store: appends its events and remembers their ids and its version. */
public final class Counter {

    private final EventStore store;
    private final String type;
    private final UUID tenant;
    private final UUID id = UUID.randomUUID();
    private final List<UUID> events = new ArrayList<>();

    Counter(EventStore store, String type, UUID tenant, String label) {
        this.store = store;
        this.type = type;
        this.tenant = tenant;
        append(UUID.randomUUID(), CounterFold.OPENED, new JsonObject().put("label", label));
    }

    public Counter add(long amount) {
        return add(amount, UUID.randomUUID());
    }

    /** Adds with a chosen event id, so a test can poison or hold the event before it exists. */
    public Counter add(long amount, UUID eventId) {
        return append(eventId, CounterFold.ADDED, new JsonObject().put("amount", amount));
    }

    private Counter append(UUID eventId, String eventType, JsonObject data) {
        store.append(type, id, events.size(), List.of(NewEvent.of(eventType, data).withId(eventId)),
                EventMetadata.forTenant(tenant)).await().atMost(Duration.ofSeconds(120));
        events.add(eventId);
        return this;
    }

    public UUID id() {
        return id;
    }

    public UUID tenant() {
        return tenant;
    }

    public String type() {
        return type;
    }

    /** The stream's version: that of its last event. */
    public int version() {
        return events.size();
    }

    /** The id of its event at a version (1: the opening). */
    public UUID event(int version) {
        return events.get(version - 1);
    }

    public String document() {
        return CounterProjection.document(id);
    }
}

package io.cloudlab.readmodels.testing;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.readmodels.redis.DocumentProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes probe counters to the store, as a service's commands would, and reads them back from it. */
@ApplicationScoped
public class Counters {

    private final EventStore store;

    Counters(EventStore store) {
        this.store = store;
    }

    public Counter open(String type, UUID tenant, String label) {
        return new Counter(store, type, tenant, label);
    }

    /**
     * The counter's document folded from its stream in PostgreSQL with the projection's own fold: what a service's
     * PostgreSQL tier answers (null when the counter does not exist).
     */
    public Uni<String> fromStore(DocumentProjection projection, String type, UUID tenant, UUID counter) {
        return store.load(tenant, type, counter).map(stream -> {
            String document = null;
            for (RecordedEvent event : stream.events()) document = projection.apply(document, event);
            return document;
        });
    }
}

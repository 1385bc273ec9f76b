package io.cloudlab.eventstore.upcasting;

import io.cloudlab.eventstore.RecordedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The chains of upcasters, one per (event type, schema version), applied until none matches. */
public final class Upcasters {

    public static final Upcasters NONE = new Upcasters(List.of());

    private record Key(String eventType, int schemaVersion) {}

    private final Map<Key, Upcaster> steps = new HashMap<>();

    public Upcasters(List<Upcaster> upcasters) {
        for (Upcaster u : upcasters) {
            Upcaster previous = steps.put(new Key(u.eventType(), u.fromSchemaVersion()), u);
            if (previous != null) {
                throw new IllegalArgumentException("two upcasters for " + u.eventType() + " v" + u.fromSchemaVersion());
            }
        }
    }

    public RecordedEvent upcast(RecordedEvent event) {
        if (steps.isEmpty()) return event;
        RecordedEvent current = event;
        Upcaster step;
        while ((step = steps.get(new Key(current.eventType(), current.schemaVersion()))) != null) {
            Upcaster.Upcast next = step.upcast(current.data().copy());
            current = current.withPayload(next.eventType(), current.schemaVersion() + 1, next.data());
        }
        return current;
    }
}

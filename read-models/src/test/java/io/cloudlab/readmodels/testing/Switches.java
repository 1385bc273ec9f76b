package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the probe projections fail on, by event id, so a test can make exactly one event a problem and later
 * "deploy the fix".
 */
@ApplicationScoped
public class Switches {

    private final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    /** The fold (or fact mapping) throws on this event, as a bug or bad data would make it: the event is parked. */
    public void poison(UUID event) {
        poisoned.add(event);
    }

    public void cure(UUID event) {
        poisoned.remove(event);
    }

    public boolean poisoned(UUID event) {
        return poisoned.contains(event);
    }

    /**
     * Every batch holding this event fails as a whole, as a failed read of Redis or of reference data would: the
     * subscription retries from its checkpoint and cannot get past the event until it is released.
     */
    public void hold(UUID event) {
        held.add(event);
    }

    public void release(UUID event) {
        held.remove(event);
    }

    public boolean held(UUID event) {
        return held.contains(event);
    }
}

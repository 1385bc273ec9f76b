package io.cloudlab.eventstore.upcasting;

import io.vertx.core.json.JsonObject;

/**
 * Lifts one event type's payload from one schema version to the next. Stored events are never rewritten;
 * readers see every event as its current shape by running the chain of upcasters on read.
 */
public interface Upcaster {

    String eventType();

    /** The version this upcaster reads; it produces {@code fromSchemaVersion() + 1}. */
    int fromSchemaVersion();

    Upcast upcast(JsonObject data);

    /** The event after one step: its (possibly renamed) type and payload. */
    record Upcast(String eventType, JsonObject data) {}
}

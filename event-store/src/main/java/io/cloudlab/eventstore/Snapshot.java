package io.cloudlab.eventstore;

import io.vertx.core.json.JsonObject;

/** An aggregate's state at a stream version, so that loading replays only the events after it. */
public record Snapshot(int version, int schemaVersion, JsonObject data) {}

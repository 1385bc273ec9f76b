package io.cloudlab.readmodels.testing;

import io.cloudlab.eventstore.RecordedEvent;
import io.vertx.core.json.JsonObject;

/**
 * The probe aggregate: a counter that is opened, then has amounts added. Its document is
 * {@code {"counter", "tenant", "label", "total", "version"}}, version being the last applied event's.
 */
public final class CounterFold {

    public static final String OPENED = "CounterOpened";
    public static final String ADDED = "CounterAdded";

    private CounterFold() {}

    public static String apply(String current, RecordedEvent event) {
        JsonObject document;
        switch (event.eventType()) {
            case OPENED -> document = new JsonObject().put("counter", event.aggregateId().toString())
                    .put("tenant", event.tenantId().toString()).put("label", event.data().getString("label")).put("total", 0L);
            case ADDED -> {
                if (current == null) throw new IllegalStateException("amount added to counter " + event.aggregateId() + " never opened");
                document = new JsonObject(current);
                document.put("total", document.getLong("total") + event.data().getLong("amount"));
            }
            default -> {
                return current;
            }
        }
        return document.put("version", event.version()).encode();
    }
}

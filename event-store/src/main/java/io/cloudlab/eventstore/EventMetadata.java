package io.cloudlab.eventstore;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * What travels with every event of one append: whose it is (tenant, user), why it happened (the
 * correlation id of the whole business flow, the causation id of the message that caused it), and the
 * W3C trace context, so one order's trace spans REST, the store, Kafka and the saga.
 */
public record EventMetadata(UUID tenantId, UUID correlationId, UUID causationId, String userId, String traceparent) {

    public static EventMetadata forTenant(UUID tenantId) {
        return new EventMetadata(tenantId, UUID.randomUUID(), null, null, null);
    }

    public EventMetadata causedBy(UUID causation) {
        return new EventMetadata(tenantId, correlationId, causation, userId, traceparent);
    }

    public EventMetadata byUser(String user) {
        return new EventMetadata(tenantId, correlationId, causationId, user, traceparent);
    }

    public EventMetadata tracedBy(String parent) {
        return new EventMetadata(tenantId, correlationId, causationId, userId, parent);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("tenant_id", tenantId.toString());
        if (correlationId != null) json.put("correlation_id", correlationId.toString());
        if (causationId != null) json.put("causation_id", causationId.toString());
        if (userId != null) json.put("user_id", userId);
        if (traceparent != null) json.put("traceparent", traceparent);
        return json;
    }
}

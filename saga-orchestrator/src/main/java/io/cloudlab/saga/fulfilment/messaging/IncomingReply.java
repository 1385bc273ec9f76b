package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.support.observability.LogContext;
import io.cloudlab.saga.fulfilment.domain.Reply;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A message of cloudlab.saga.replies: the store's envelope around a service's SagaReply event. */
public record IncomingReply(UUID messageId, UUID sagaId, UUID tenantId, UUID correlationId, String traceparent, Reply reply) {

    public static IncomingReply parse(String message) {
        try {
            JsonObject envelope = new JsonObject(message);
            JsonObject data = envelope.getJsonObject("data");
            JsonObject metadata = envelope.getJsonObject("metadata");
            String payment = data.getString("payment_id");
            String correlation = metadata.getString("correlation_id");
            LogContext.of(UUID.fromString(metadata.getString("tenant_id")), correlation == null ? null : UUID.fromString(correlation));
            return new IncomingReply(UUID.fromString(envelope.getString("event_id")), UUID.fromString(data.getString("saga_id")),
                    UUID.fromString(metadata.getString("tenant_id")), correlation == null ? null : UUID.fromString(correlation),
                    metadata.getString("traceparent"),
                    new Reply(UUID.fromString(data.getString("command_id")), data.getString("command_type"),
                            envelope.getString("event_type"),
                            payment == null ? null : UUID.fromString(payment), data.getString("reason")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a saga reply: " + e.getMessage(), e);
        }
    }
}

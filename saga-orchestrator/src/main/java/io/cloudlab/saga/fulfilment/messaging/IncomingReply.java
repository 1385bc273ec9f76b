package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.contracts.Contracts;
import io.cloudlab.contracts.ReplyHeader;
import io.cloudlab.contracts.SagaReply;
import io.cloudlab.contracts.Wire;
import io.cloudlab.saga.fulfilment.domain.Reply;
import io.cloudlab.support.observability.LogContext;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A message of cloudlab.saga.replies: the store's envelope around a participant's typed reply. */
public record IncomingReply(UUID messageId, UUID sagaId, UUID tenantId, UUID correlationId, String traceparent, Reply reply) {

    /** A message that is not a reply of any participant's contract is an IllegalArgumentException. */
    public static IncomingReply parse(String message) {
        try {
            JsonObject envelope = new JsonObject(message);
            JsonObject data = envelope.getJsonObject("data");
            JsonObject metadata = envelope.getJsonObject("metadata");
            String correlation = metadata.getString("correlation_id");
            UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
            LogContext.of(tenant, correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"));
            String type = envelope.getString("event_type");
            Class<? extends SagaReply> replyType = Contracts.replyType(type)
                    .orElseThrow(() -> new IllegalArgumentException("no participant replies " + type));
            ReplyHeader header = Wire.read(data.getMap(), ReplyHeader.class);
            return new IncomingReply(UUID.fromString(envelope.getString("event_id")), header.sagaId(), tenant,
                    correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"),
                    new Reply(header.commandId(), header.commandType(), Wire.read(data.getMap(), replyType)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a saga reply: " + e.getMessage(), e);
        }
    }
}

package io.cloudlab.support.saga;

import io.cloudlab.eventstore.AppendResult;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A service's answer to a saga command, appended in the same transaction as the command's effect, to a
 * stream of aggregate type {@value #AGGREGATE_TYPE} that the store's relay publishes to
 * {@code cloudlab.saga.replies} (configure {@code cloudlab.event-store.aggregate-types} and
 * {@code relay.topics."SagaReply"}). Effect and reply commit together, so the orchestrator hears of every
 * effect exactly as it happened, even if the service dies right after.
 */
public final class SagaReplies {

    public static final String AGGREGATE_TYPE = "SagaReply";
    public static final String TOPIC = "cloudlab.saga.replies";

    private SagaReplies() {}

    /**
     * @param replyType e.g. StockReserved, StockReservationRejected, PaymentAuthorized, PaymentDeclined
     * @param data      the reply's own fields; saga_id, command_id and order_id are added
     */
    public static Uni<AppendResult> append(SqlConnection tx, EventStore store, SagaCommand command, String replyType,
            JsonObject data) {
        JsonObject body = data.copy().put("saga_id", command.sagaId().toString())
                .put("command_id", command.commandId().toString()).put("command_type", command.type())
                .put("order_id", command.orderId().toString());
        UUID stream = UUID.nameUUIDFromBytes(("reply:" + command.commandId()).getBytes(StandardCharsets.UTF_8));
        UUID eventId = UUID.nameUUIDFromBytes(("reply-event:" + command.commandId()).getBytes(StandardCharsets.UTF_8));
        return store.appendWithin(tx, AGGREGATE_TYPE, stream, 0, List.of(new NewEvent(eventId, replyType, 1, body,
                io.cloudlab.eventstore.pii.PersonalData.NONE)), command.metadata());
    }
}

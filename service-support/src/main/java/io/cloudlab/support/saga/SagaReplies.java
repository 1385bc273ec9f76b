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
 * stream of the service's own reply type ({@code saga-reply.<quarkus.application.name>}) that its relay
 * publishes to {@code cloudlab.saga.replies}: list it in {@code cloudlab.event-store.aggregate-types} and map it
 * in {@code relay.topics}. Effect and reply commit together, so the orchestrator hears of every effect exactly
 * as it happened, even if the service dies right after.
 *
 * <p>One type per service, not one shared: a relay publishes every event of its types, whoever wrote them,
 * so a shared type had every service republish every other service's replies (found by payment-service's
 * saga tests).
 */
public final class SagaReplies {

    /** The reply type of the service this runs in. */
    public static String aggregateType() {
        return "saga-reply." + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.application.name", String.class);
    }
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
        return store.appendWithin(tx, aggregateType(), stream, 0, List.of(new NewEvent(eventId, replyType, 1, body,
                io.cloudlab.eventstore.pii.PersonalData.NONE)), command.metadata());
    }
}

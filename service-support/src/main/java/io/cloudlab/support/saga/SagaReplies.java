package io.cloudlab.support.saga;

import io.cloudlab.contracts.ReplyHeader;
import io.cloudlab.contracts.SagaReply;
import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.AppendResult;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A participant's reply, appended in the same transaction as the command's effect, to a stream of the
 * service's own reply type ({@code saga-reply.<quarkus.application.name>}) that its relay publishes to
 * {@code cloudlab.saga.replies}: list it in {@code cloudlab.event-store.aggregate-types} and map it in
 * {@code relay.topics}. Effect and reply commit together, so the orchestrator hears of every effect exactly
 * as it happened, even if the service dies right after.
 *
 * <p>One type per service, not one shared: a relay publishes every event of its types, whoever wrote them,
 * so with a shared type every service would republish every other service's replies.
 */
public final class SagaReplies {

    public static final String TOPIC = "cloudlab.saga.replies";

    private SagaReplies() {}

    /** The reply type of the service this runs in. */
    public static String aggregateType() {
        return "saga-reply." + ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    /** The reply's fields and its {@link ReplyHeader}, in one object. */
    static Uni<AppendResult> append(SqlConnection tx, EventStore store, Received<?> command, SagaReply reply) {
        JsonObject body = new JsonObject(Wire.fields(reply)).mergeIn(new JsonObject(Wire.fields(
                new ReplyHeader(command.sagaId(), command.commandId(), command.type(), command.orderId()))));
        return store.appendWithin(tx, aggregateType(), streamOf(command.commandId()), 0, List.of(new NewEvent(
                eventIdOf(command.commandId()), Wire.typeOf(reply), Wire.versionOf(reply.getClass()), body, PersonalData.NONE)),
                command.metadata());
    }

    /**
     * The stream of the one reply to a command, its id derived from the command's: a command redelivered finds its
     * reply already there (version 0 is taken), and whoever knows the command finds its reply's Kafka record (the
     * stream id is the key).
     */
    public static UUID streamOf(UUID commandId) {
        return UUID.nameUUIDFromBytes(("reply:" + commandId).getBytes(StandardCharsets.UTF_8));
    }

    /** The reply's event id, the {@code event_id} header of its record. */
    public static UUID eventIdOf(UUID commandId) {
        return UUID.nameUUIDFromBytes(("reply-event:" + commandId).getBytes(StandardCharsets.UTF_8));
    }
}

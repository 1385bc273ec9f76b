package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.saga.fulfilment.domain.OrderFulfilmentSaga;
import io.cloudlab.saga.fulfilment.domain.SagaCommand;
import io.cloudlab.saga.fulfilment.domain.StepType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.Map;

/**
 * Sends the saga's commands through the event store, in the transaction that saves the saga: the events
 * table is the outbox, and the relay publishes each command to its service's topic after commit. So a
 * saga never moves on without its command, nor sends one for a state it never reached.
 *
 * <p>A saga's commands to one service form one stream (its id derived from the saga and the service), and
 * the stream id is the Kafka key: they land on one partition, and the service handles them in the order
 * they were sent. Without that, a compensation could overtake the command it undoes (a ReleaseStock handled
 * before a slow ReserveStock, leaving stock reserved for a cancelled order: found by deploy/system/test).
 */
public final class CommandOutbox {

    /** Aggregate types the relay maps to the services' command topics (application.properties). */
    public static final Map<StepType.Target, String> TYPES = Map.of(
            StepType.Target.INVENTORY, "InventoryCommand",
            StepType.Target.PAYMENT, "PaymentCommand",
            StepType.Target.ORDER, "OrderCommand");

    private CommandOutbox() {}

    public static Uni<Void> send(SqlConnection tx, EventStore store, OrderFulfilmentSaga saga, List<SagaCommand> commands,
            EventMetadata metadata) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SagaCommand command : commands) {
            NewEvent event = new NewEvent(command.commandId(), command.step().command(), 1,
                    new JsonObject(command.fields()), PersonalData.NONE);
            UUID stream = streamOf(saga.sagaId(), command.step().target());
            // The saga's row is locked by this transaction, so nobody else appends to its command streams.
            chain = chain.chain(() -> store.load(saga.order().tenantId(), stream))
                    .chain(loaded -> store.appendWithin(tx, TYPES.get(command.step().target()), stream, loaded.version(),
                            List.of(event), metadata))
                    .replaceWithVoid();
        }
        return chain;
    }

    public static UUID streamOf(UUID sagaId, StepType.Target target) {
        return UUID.nameUUIDFromBytes(("saga-commands:" + sagaId + ":" + target).getBytes(StandardCharsets.UTF_8));
    }
}

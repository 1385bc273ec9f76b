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
import java.util.List;
import java.util.Map;

/**
 * Sends the saga's commands through the event store, in the transaction that saves the saga: the events
 * table is the outbox, and the relay publishes each command to its service's topic after commit. So a
 * saga never moves on without its command, nor sends one for a state it never reached. Each command is a
 * one-event stream of its target's command type (the stream id is the command id, which is also the Kafka
 * key): one saga has one command outstanding at a time, so no ordering between them is needed, and
 * services apply each command once by its id.
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
            chain = chain.chain(() -> store.appendWithin(tx, TYPES.get(command.step().target()), command.commandId(), 0,
                    List.of(event), metadata).replaceWithVoid());
        }
        return chain;
    }
}

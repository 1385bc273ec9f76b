package io.cloudlab.saga.fulfilment.store;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.saga.fulfilment.domain.SagaState;
import io.cloudlab.saga.fulfilment.domain.StepCommand;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Sends the saga's commands through the event store, in the transaction that saves the saga: the events
 * table is the outbox, and the relay publishes each command to its participant's topic after commit
 * (the participant's command stream type, mapped in application.properties). So a saga never moves on
 * without its command, nor sends one for a state it never reached.
 *
 * <p>A saga's commands to one participant form one stream (its id derived from the saga and the participant),
 * and the stream id is the Kafka key: they land on one partition, and the participant handles them in the
 * order they were sent. Otherwise a compensation could overtake the command it undoes (a ReleaseStock handled
 * before a slow ReserveStock would leave stock reserved for a cancelled order).
 */
public final class CommandOutbox {

    private CommandOutbox() {}

    public static Uni<Void> send(SqlConnection tx, EventStore store, SagaState saga, List<StepCommand> commands,
            EventMetadata metadata) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StepCommand command : commands) {
            NewEvent event = new NewEvent(command.commandId(), Wire.typeOf(command.command()),
                    Wire.versionOf(command.command().getClass()), new JsonObject(Wire.fields(command.command())),
                    PersonalData.NONE);
            Participant<?, ?> participant = command.step().participant();
            UUID stream = streamOf(saga.sagaId(), participant);
            // The saga's row is locked by this transaction, so nobody else appends to its command streams.
            chain = chain.chain(() -> store.load(saga.order().tenantId(), stream))
                    .chain(loaded -> store.appendWithin(tx, participant.commandStream(), stream, loaded.version(),
                            List.of(event), metadata))
                    .replaceWithVoid();
        }
        return chain;
    }

    public static UUID streamOf(UUID sagaId, Participant<?, ?> participant) {
        return UUID.nameUUIDFromBytes(("saga-commands:" + sagaId + ":" + participant.name().toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
    }
}

package io.cloudlab.support.saga;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.SagaCommand;
import io.cloudlab.contracts.SagaReply;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a service supplies to take part in sagas: its contract and its handler. {@link ParticipantEdge} does
 * the rest: reads the typed command, keeps the inbox, runs the handler and appends its reply in one
 * transaction of the command's tenant, retries by the platform's rule, parks what cannot be applied, and
 * times every outcome. A business refusal is a reply (a {@link SagaReply.Failure}), never an exception.
 *
 * @param <C> the participant's commands
 * @param <P> what {@link #prepare} hands to {@link #handle}
 */
public interface SagaParticipant<C extends SagaCommand, P> {

    Participant<C, ?> contract();

    /** The inbox's consumer name, also the Kafka consumer group of the commands topic. */
    String consumerName();

    /**
     * Work before the transaction, whose result {@link #handle} gets: a read through the pool, or a call to
     * another system that no transaction should be held open across. Nothing by default.
     */
    default Uni<P> prepare(Received<C> command) {
        return Uni.createFrom().nullItem();
    }

    /**
     * Whether {@link #prepare} is costly enough (a call to another system) to look in the inbox first, so a
     * redelivered command does not ask again.
     */
    default boolean costlyPreparation() {
        return false;
    }

    /** The command's effect within {@code tx}, and the reply. The edge has written the inbox row in {@code tx}. */
    Uni<? extends SagaReply> handle(SqlConnection tx, Received<C> command, P prepared);

    /** Failures worth waiting for beyond the platform's rule, e.g. a gateway's silence. */
    default boolean retryable(Throwable failure) {
        return false;
    }
}

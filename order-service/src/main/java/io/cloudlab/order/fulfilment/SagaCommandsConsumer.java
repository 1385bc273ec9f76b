package io.cloudlab.order.fulfilment;

import io.cloudlab.eventstore.EventStoreException;
import io.cloudlab.support.saga.SagaCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Kafka edge of the saga commands (topic cloudlab.order.commands, group order-service.saga-commands). A
 * message that is not a command is skipped; a concurrent change of the order (conflict) or the database
 * being away is retried with backoff, and the offset moves on only once the command is handled.
 */
@ApplicationScoped
public class SagaCommandsConsumer {

    private static final Logger LOG = Logger.getLogger(SagaCommandsConsumer.class);

    @Inject
    SagaCommandHandler handler;

    @Incoming("saga-commands")
    public Uni<Void> consume(String message) {
        SagaCommand command;
        try {
            command = SagaCommand.parse(message);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("skipping a message on cloudlab.order.commands: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> handler.handle(command))
                .onFailure(SagaCommandsConsumer::retryable)
                .invoke(e -> LOG.warnf("saga command %s not handled yet: %s", command.commandId(), e))
                .onFailure(SagaCommandsConsumer::retryable)
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onFailure().recoverWithItem(bad -> {
                    LOG.errorf(bad, "skipping saga command %s: it cannot be applied", command.commandId());
                    return null;
                });
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof EventStoreException.ConcurrencyConflict
                || failure instanceof io.vertx.core.VertxException || failure instanceof java.io.IOException
                || (failure instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57")
                                || pg.getSqlState().startsWith("40") || pg.getSqlState().equals("23505")));
    }
}

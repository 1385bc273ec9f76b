package io.cloudlab.order.fulfilment;

import io.cloudlab.support.saga.SagaCommand;
import io.cloudlab.support.messaging.Retrying;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        return Retrying.untilApplied(() -> handler.handle(command), command.commandId().toString());
    }
}

package io.cloudlab.payment.payment.saga;

import io.cloudlab.support.messaging.Retrying;
import io.cloudlab.support.saga.SagaCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Kafka edge of the saga commands: topic cloudlab.payment.commands, consumer group payment.saga-commands.
 * A message that is not a payment command (does not parse, unknown type, malformed fields) is logged and
 * skipped: retrying cannot fix it. A failure of the database, the network or the gateway is retried with
 * backoff and never skipped, since the offset is committed only once the command is applied.
 */
@ApplicationScoped
public class PaymentSagaConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentSagaConsumer.class);

    @Inject
    PaymentSagaCommands commands;

    @Incoming("saga-commands")
    public Uni<Void> consume(String message) {
        SagaCommand command;
        try {
            command = SagaCommand.parse(message);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("skipping a message on cloudlab.payment.commands that is not a saga command: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!PaymentSagaCommands.handles(command.type())) {
            LOG.warnf("skipping saga command %s of unknown type %s", command.commandId(), command.type());
            return Uni.createFrom().voidItem();
        }
        return commands.handle(command)
                .onFailure(PaymentSagaConsumer::retryable)
                .invoke(e -> LOG.warnf("could not apply saga command %s (%s) yet: %s", command.commandId(), command.type(), e))
                .onFailure(PaymentSagaConsumer::retryable)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure().recoverWithItem(bad -> {
                    LOG.errorf("skipping saga command %s (%s): it cannot be applied: %s", command.commandId(), command.type(), bad);
                    return null;
                });
    }

    /**
     * Worth waiting for: the platform's rule (the database or the network, a serialization conflict, a lost race
     * on the payment's stream: the retry answers from what the winner recorded), and the gateway's silence.
     */
    static boolean retryable(Throwable failure) {
        return failure instanceof GatewayUnanswered || Retrying.retryable(failure);
    }
}

package io.cloudlab.inventory.saga;

import io.cloudlab.support.messaging.Retrying;
import io.cloudlab.inventory.support.CommandMetrics;
import io.cloudlab.support.saga.SagaCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Kafka edge of the saga's commands: topic cloudlab.inventory.commands, consumer group
 * inventory.saga-commands. A message that is not a command this service understands is logged and skipped
 * (retrying cannot fix it; no reply). A failure of the database or the network is retried with backoff and
 * never skipped: the offset is committed only once the command's transaction has committed.
 */
@ApplicationScoped
public class SagaCommandsConsumer {

    private static final Logger LOG = Logger.getLogger(SagaCommandsConsumer.class);

    @Inject
    StockSagaHandler handler;

    @Inject
    CommandMetrics metrics;

    @Incoming("saga-commands")
    public Uni<Void> consume(String message) {
        SagaCommand envelope;
        Optional<StockSagaCommand> command;
        try {
            envelope = SagaCommand.parse(message);
            command = StockSagaCodec.command(envelope);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("skipping a message on cloudlab.inventory.commands that is not a valid command: %s",
                    unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (command.isEmpty()) {
            LOG.warnf("skipping command %s of type %s: not an inventory command", envelope.commandId(), envelope.type());
            return Uni.createFrom().voidItem();
        }
        return metrics.timed(metricName(envelope), () -> handled(envelope, command.get()), SagaCommandsConsumer::outcome)
                .onFailure().recoverWithItem(bad -> {
                    LOG.errorf(bad, "skipping command %s (%s): it cannot be applied", envelope.commandId(), envelope.type());
                    return null;
                })
                .replaceWithVoid();
    }

    private Uni<StockSagaReply> handled(SagaCommand envelope, StockSagaCommand command) {
        return Uni.createFrom().deferred(() -> handler.handle(envelope, command))
                .onFailure(SagaCommandsConsumer::retryable)
                .invoke(e -> LOG.warnf("could not apply command %s yet: %s", envelope.commandId(), e))
                .onFailure(SagaCommandsConsumer::retryable)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** saga_reserve_stock, saga_release_stock, saga_commit_stock: apart from the REST commands' timers. */
    private static String metricName(SagaCommand envelope) {
        return "saga_" + envelope.type().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A redelivery (null: handled before) is counted apart, so duplicates show on the dashboard. */
    private static String outcome(StockSagaReply reply) {
        if (reply == null) return "duplicate";
        return reply.success() ? "success" : "rejected";
    }

    /**
     * The database or the network (including a deadlock or serialization failure, SQLSTATE 40): worth waiting
     * for. Anything else is the message's fault or a bug; retrying it forever would stall the partition, while
     * the orchestrator's own timeout and retry (a new command id) still gets the step an answer.
     */
    static boolean retryable(Throwable failure) {
        // Unlike the shared rule, a unique violation (23505) is not retried here: a constraint violation is a bug.
        return Retrying.unavailable(failure) || Retrying.conflicted(failure, false);
    }
}

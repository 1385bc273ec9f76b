package io.cloudlab.support.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * How every Kafka consumer of the platform treats a message: applied, or waited for while the database,
 * the broker or the network is away (the offset is committed only once the message is applied, so nothing
 * is skipped), or, when no retry can fix it, parked in {@code event_store.parked_messages} for an operator
 * and acknowledged. A message is never dropped, and never blocks its partition for good.
 */
@ApplicationScoped
public class MessageEdge {

    private static final Logger LOG = Logger.getLogger(MessageEdge.class);

    @Inject
    ParkedMessages parked;

    public Uni<Void> consume(MessageConsumer consumer, String message) {
        return Uni.createFrom().deferred(() -> consumer.apply(message))
                .onFailure(f -> retryable(consumer, f))
                .invoke(e -> LOG.warnf("%s: a message is not applied yet: %s", consumer.name(), e))
                .onFailure(f -> retryable(consumer, f))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onFailure().recoverWithUni(bad -> {
                    LOG.errorf("%s: parking a message that cannot be applied: %s", consumer.name(), bad);
                    return parked.park(consumer.name(), message, bad);
                });
    }

    static boolean retryable(MessageConsumer consumer, Throwable failure) {
        return Retrying.retryable(failure) || consumer.retryable(failure);
    }
}

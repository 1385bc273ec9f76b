package io.cloudlab.support.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * How every Kafka consumer of the platform treats a message: applied, or waited for while the database,
 * the broker or the network is away (the offset is committed only once the message is applied, so nothing
 * is skipped), or, when no retry can fix it, parked in {@code event_store.parked_messages} for an operator
 * and acknowledged. A message is never dropped, and never blocks its partition for good.
 *
 * <p>A channel consumed in batches ({@code batch=true}) hands a whole poll to {@link #consumeAll}: the consumer
 * applies it in one transaction ({@link MessageConsumer#applyAll}), so a poll costs one commit and one offset
 * commit however many records it holds. If that fails, nothing of it was written, and each record is applied
 * on its own by the rule above, in order: one bad record is parked alone, not with its neighbours.
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

    public Uni<Void> consumeAll(MessageConsumer consumer, List<String> messages) {
        if (messages.isEmpty()) return Uni.createFrom().voidItem();
        if (messages.size() == 1) return consume(consumer, messages.get(0));
        return Uni.createFrom().deferred(() -> consumer.applyAll(messages))
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf("%s: a batch of %d messages is applied one by one: %s", consumer.name(), messages.size(),
                            failure);
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (String message : messages) each = each.chain(() -> consume(consumer, message));
                    return each;
                });
    }

    static boolean retryable(MessageConsumer consumer, Throwable failure) {
        return Retrying.retryable(failure) || consumer.retryable(failure);
    }
}

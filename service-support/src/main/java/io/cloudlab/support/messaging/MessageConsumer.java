package io.cloudlab.support.messaging;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A Kafka consumer as {@link MessageEdge} runs it: what applying one message means, under a name that is both
 * its Kafka group and its inbox's consumer name. A service supplies this; the edge retries, parks and
 * acknowledges.
 */
public interface MessageConsumer {

    String name();

    /**
     * Applies the message (exactly once in effect: through the inbox in the effect's transaction). A message
     * that cannot be read or applied fails with anything but a retryable failure, and is parked.
     */
    Uni<Void> apply(String message);

    /**
     * Applies a poll's messages, in order, all or none: a consumer that can put them in one transaction does
     * so (one commit per poll). By default, one after another, each in its own; a failure part way leaves the
     * applied ones applied, and the edge's one-by-one retry finds them in the inbox.
     */
    default Uni<Void> applyAll(List<String> messages) {
        Uni<Void> each = Uni.createFrom().voidItem();
        for (String message : messages) each = each.chain(() -> apply(message));
        return each;
    }

    /** Failures worth waiting for beyond the platform's rule ({@link Retrying#retryable}), e.g. a gateway's silence. */
    default boolean retryable(Throwable failure) {
        return false;
    }
}

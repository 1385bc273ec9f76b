package io.cloudlab.eventstore.subscription;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * @param name           unique across the platform: the checkpoint's key and the single-instance lock's name
 * @param batchSize      events per read (and per handler call)
 * @param pollInterval   how long to wait for a notification before reading anyway
 * @param retryBackoff   wait after a failure (handler, connection) before starting over from the checkpoint;
 *                       also how often a standby instance tries to take over
 * @param revealPersonal whether personal fields reach the handler decrypted (projections inside the platform)
 *                       or as stored, encrypted (the outbox relay: a copy on Kafka outlives an erasure, so it
 *                       must never hold personal data in clear)
 * @param ownCheckpoint  null when the store keeps the checkpoint (moved after each handled batch); otherwise the
 *                       handler keeps it beside its effect, in the same atomic write, and this reads it back when
 *                       the subscription (re)starts. A read model in Redis does this: a checkpoint kept in
 *                       PostgreSQL could not commit with the Redis write, so a crash between the two would
 *                       apply a batch twice or skip it.
 * @param linger         after a batch that did not fill a page, wait this long before reading again, so that
 *                       the next batch gathers what arrived meanwhile (zero: read again at once). For handlers
 *                       whose cost is per batch rather than per event, and whose readers can wait: ClickHouse
 *                       wants few, large inserts.
 */
public record SubscriptionOptions(String name, SubscriptionFilter filter, int batchSize, Duration pollInterval,
        Duration retryBackoff, boolean revealPersonal, Supplier<Uni<Checkpoint>> ownCheckpoint, Duration linger) {

    public static SubscriptionOptions named(String name, SubscriptionFilter filter) {
        return new SubscriptionOptions(name, filter, 500, Duration.ofMillis(500), Duration.ofSeconds(1), true, null, Duration.ZERO);
    }

    /** The handler stores the checkpoint with its effect; {@code stored} reads it back at each (re)start. */
    public SubscriptionOptions checkpointKeptByHandler(Supplier<Uni<Checkpoint>> stored) {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, retryBackoff, revealPersonal, stored, linger);
    }

    public SubscriptionOptions batchSize(int size) {
        return new SubscriptionOptions(name, filter, size, pollInterval, retryBackoff, revealPersonal, ownCheckpoint, linger);
    }

    public SubscriptionOptions pollInterval(Duration interval) {
        return new SubscriptionOptions(name, filter, batchSize, interval, retryBackoff, revealPersonal, ownCheckpoint, linger);
    }

    public SubscriptionOptions retryBackoff(Duration backoff) {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, backoff, revealPersonal, ownCheckpoint, linger);
    }

    public SubscriptionOptions personalDataEncrypted() {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, retryBackoff, false, ownCheckpoint, linger);
    }

    public SubscriptionOptions linger(Duration wait) {
        // A timer cannot wait less than a millisecond (and the subscription would wait for it forever).
        if (wait.isNegative() || (!wait.isZero() && wait.toMillis() < 1)) {
            throw new IllegalArgumentException("linger must be zero or at least 1 ms: " + wait);
        }
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, retryBackoff, revealPersonal, ownCheckpoint, wait);
    }
}

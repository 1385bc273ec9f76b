package io.cloudlab.eventstore.subscription;

import java.time.Duration;

/**
 * @param name           unique across the platform: the checkpoint's key and the single-instance lock's name
 * @param batchSize      events per read (and per handler call)
 * @param pollInterval   how long to wait for a notification before reading anyway
 * @param retryBackoff   wait after a failure (handler, connection) before starting over from the checkpoint;
 *                       also how often a standby instance tries to take over
 * @param revealPersonal whether personal fields reach the handler decrypted (projections inside the platform)
 *                       or as stored, encrypted (the outbox relay: a copy on Kafka outlives an erasure, so it
 *                       must never hold personal data in clear)
 */
public record SubscriptionOptions(String name, SubscriptionFilter filter, int batchSize, Duration pollInterval,
        Duration retryBackoff, boolean revealPersonal) {

    public static SubscriptionOptions named(String name, SubscriptionFilter filter) {
        return new SubscriptionOptions(name, filter, 500, Duration.ofMillis(500), Duration.ofSeconds(1), true);
    }

    public SubscriptionOptions batchSize(int size) {
        return new SubscriptionOptions(name, filter, size, pollInterval, retryBackoff, revealPersonal);
    }

    public SubscriptionOptions pollInterval(Duration interval) {
        return new SubscriptionOptions(name, filter, batchSize, interval, retryBackoff, revealPersonal);
    }

    public SubscriptionOptions retryBackoff(Duration backoff) {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, backoff, revealPersonal);
    }

    public SubscriptionOptions personalDataEncrypted() {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, retryBackoff, false);
    }
}

package io.cloudlab.eventstore.subscription;

import java.time.Duration;

/**
 * @param name         unique across the platform: the checkpoint's key and the single-instance lock's name
 * @param batchSize    events per read (and per handler call)
 * @param pollInterval how long to wait for a notification before reading anyway
 * @param retryBackoff wait after a failure (handler, connection) before starting over from the checkpoint;
 *                     also how often a standby instance tries to take over
 */
public record SubscriptionOptions(String name, SubscriptionFilter filter, int batchSize, Duration pollInterval,
        Duration retryBackoff) {

    public static SubscriptionOptions named(String name, SubscriptionFilter filter) {
        return new SubscriptionOptions(name, filter, 500, Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    public SubscriptionOptions batchSize(int size) {
        return new SubscriptionOptions(name, filter, size, pollInterval, retryBackoff);
    }

    public SubscriptionOptions pollInterval(Duration interval) {
        return new SubscriptionOptions(name, filter, batchSize, interval, retryBackoff);
    }

    public SubscriptionOptions retryBackoff(Duration backoff) {
        return new SubscriptionOptions(name, filter, batchSize, pollInterval, backoff);
    }
}

package io.cloudlab.support.time;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time that ages what a service keeps for a while (a count, a cached page): a bean, so that a test moves it
 * on instead of waiting for it.
 */
@ApplicationScoped
public class MonotonicClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}

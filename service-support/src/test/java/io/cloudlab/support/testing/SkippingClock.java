package io.cloudlab.support.testing;

import io.cloudlab.support.time.MonotonicClock;
import java.time.Duration;

/**
 * A {@link MonotonicClock} for tests: real time plus what the test skips ahead, installed with
 * {@code QuarkusMock.installMockForType(clock, MonotonicClock.class)}. Time still passes, so what a service
 * refreshes on its own goes on; {@link #skip} makes what it keeps for a while old at once, without waiting.
 */
public final class SkippingClock extends MonotonicClock {

    private volatile long skipped;

    @Override
    public long nanoTime() {
        return System.nanoTime() + skipped;
    }

    public void skip(Duration duration) {
        skipped += duration.toNanos();
    }
}

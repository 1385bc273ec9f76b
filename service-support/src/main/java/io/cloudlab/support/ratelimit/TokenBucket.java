package io.cloudlab.support.ratelimit;

/**
 * One client's allowance: {@code burst} requests at once, refilled at {@code perSecond}. Plain logic, no clock
 * of its own (the caller passes nanoTime), so it is tested without waiting.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long updated;

    TokenBucket(int perSecond, int burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.updated = now;
    }

    /** Takes one request's token: 0 when granted, else the nanoseconds until one is there. */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - updated) * perNano);
        updated = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}

package io.cloudlab.support.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsGrantedThenTheRateApplies() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        for (int i = 0; i < 3; i++) assertEquals(0, bucket.take(0), "request " + i + " of the burst");
        long wait = bucket.take(0);
        assertTrue(wait > 0 && wait <= SECOND / 10, "the 4th waits for one refill: " + wait);
        assertEquals(0, bucket.take(SECOND / 10), "granted once a tenth of a second passed");
    }

    @Test
    void anIdleClientRefillsOnlyUpToItsBurst() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        for (int i = 0; i < 3; i++) bucket.take(0);
        long later = 60 * SECOND;
        for (int i = 0; i < 3; i++) assertEquals(0, bucket.take(later));
        assertTrue(bucket.take(later) > 0, "a minute idle is still only a burst of 3");
    }
}

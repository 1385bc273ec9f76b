package io.cloudlab.readmodels.redis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Every storefront read of Redis goes through this breaker (seed 004: open after consecutive failures, try
 * again after a pause). While it is open, reads go straight to PostgreSQL instead of each waiting for Redis's
 * timeout first. The timeout here (1 s) is below the client's own (3 s), so a Redis that hangs is noticed
 * quickly, but well above what a loaded 2-core machine's event loop adds to a Redis round trip: a timeout of a
 * few hundred milliseconds trips under a benchmark's own load (docs/performance.md) and moves every read to
 * PostgreSQL, the costlier tier.
 *
 * <p>Override per environment with MicroProfile Fault Tolerance keys, e.g.
 * {@code io.cloudlab.readmodels.redis.RedisCircuit/call/CircuitBreaker/delay=2000}.
 */
@ApplicationScoped
public class RedisCircuit {

    @CircuitBreaker(requestVolumeThreshold = 3, failureRatio = 1.0, delay = 30_000, successThreshold = 1)
    @Timeout(1000)
    public <T> Uni<T> call(Supplier<Uni<T>> read) {
        return read.get();
    }
}

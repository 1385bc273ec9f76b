package io.cloudlab.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudlab.support.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.cloudlab.support.security.CallerProducer;
import io.cloudlab.support.security.VerifiedTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Answers 429 with Retry-After (and a problem+json body) to a client past its allowance, before its request
 * is read or handled: a burst from one client must not take the service from the others.
 *
 * <p>A client is who its token proves it is (tenant and subject), verified by the same parser authentication
 * uses, which remembers the tokens it verified, so authentication's own check is then free. A request whose token
 * does not verify, or that has none, counts against its address instead: rotating made-up tokens earns no
 * fresh allowance, and memory stays bounded, since a bucket's key is a fixed-size digest of the identity, or an
 * address, never the header itself. Behind a proxy the address is the one it forwards
 * ({@code quarkus.http.proxy.*}). The allowance is per instance: N instances allow N times as much, which is why
 * the edge (ingress or gateway) carries the platform-wide limit and this one is the backstop. Health and
 * metrics endpoints are never limited.
 */
@ApplicationScoped
public class RequestRateLimit {

    /** At most this many clients are remembered; a bucket idle for two minutes is full again anyway. */
    static final int MAX_CLIENTS = 100_000;

    private final RateLimitConfig config;
    private final VerifiedTokens tokens;
    private final Cache<Object, TokenBucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    RequestRateLimit(RateLimitConfig config, VerifiedTokens tokens, MeterRegistry registry) {
        this.config = config;
        this.tokens = tokens;
        Gauge.builder("rate_limit_clients", buckets, Cache::estimatedSize)
                .description("Clients the rate limit remembers (bounded, whatever clients send)").register(registry);
    }

    void install(@Observes Router router) {
        if (!config.enabled()) return;
        router.route().order(-4).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        long now = System.nanoTime();
        long wait = buckets.get(client(ctx), k -> new TokenBucket(config.perSecond(), config.burst(), now)).take(now);
        if (wait == 0) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (wait + 999_999_999) / 1_000_000_000);
        ctx.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(seconds))
                .end(TOO_MANY);
    }

    private Object client(RoutingContext ctx) {
        // The verified token's tenant and subject as a fixed-size key, else the address.
        return tokens.bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
                .<Object>map(verified -> UUID.nameUUIDFromBytes((verified.getClaim(CallerProducer.TENANT_CLAIM) + "|"
                        + verified.getSubject()).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> "a:" + (ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress()));
    }


    /** Written once: the problem is the same for every refused request. */
    private static final String TOO_MANY = Problem.of(429, "rate-limited", "Too Many Requests",
            "this client sent more requests than it may; try again after Retry-After seconds").field("Authorization").toJson();
}

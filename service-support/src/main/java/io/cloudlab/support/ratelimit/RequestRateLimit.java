package io.cloudlab.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudlab.support.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Answers 429 with Retry-After (and a problem+json body) to a client past its allowance, before its request
 * is read, authenticated or handled: a burst from one client must not take the service from the others.
 *
 * <p>A client is its bearer token when it sends one (each storefront session has its own), else its address.
 * The token is not verified here (that is the expensive part this protects); a forged token only gets a
 * bucket of its own and is then refused by authentication. The allowance is per instance: N instances allow
 * N times as much, which is why the edge (ingress or gateway) carries the platform-wide limit and this one is
 * the backstop. Health and metrics endpoints are never limited.
 */
@ApplicationScoped
public class RequestRateLimit {

    private final RateLimitConfig config;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    RequestRateLimit(RateLimitConfig config) {
        this.config = config;
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

    private static String client(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) return "t:" + authorization;
        return "a:" + (ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress());
    }

    /** Written once: the problem is the same for every refused request. */
    private static final String TOO_MANY = Problem.of(429, "rate-limited", "Too Many Requests",
            "this client sent more requests than it may; try again after Retry-After seconds").field("Authorization").toJson();
}

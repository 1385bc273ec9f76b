package io.cloudlab.support.tenant;

import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.security.CallerProducer;
import io.cloudlab.support.security.VerifiedTokens;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses the tokens of suspended tenants in every service: 403 {@code tenant-suspended}, before the request
 * reaches a resource. The tenant registry is order-service's ({@code orders.tenants}); every service reads the
 * suspended tenants' ids through {@code orders.suspended_tenants()} every {@code cloudlab.tenants.refresh}, so a
 * suspension or a resumption takes effect everywhere within that. While none is suspended the check costs
 * nothing; otherwise it reads the token the rate limit has already verified. A service that cannot read the
 * registry (order-service not yet migrated) keeps what it last knew.
 */
@ApplicationScoped
public class SuspendedTenants {

    /** The platform's own tenant (operators): not a shop, never suspended. */
    public static final UUID PLATFORM = UUID.fromString("00000000-0000-0000-0000-000000000000");

    private static final Logger LOG = Logger.getLogger(SuspendedTenants.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    VerifiedTokens tokens;

    @ConfigProperty(name = "cloudlab.tenants.refresh", defaultValue = "PT2S")
    Duration refresh;

    private volatile Set<UUID> suspended = Set.of();

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::admit);
    }

    void start(@Observes StartupEvent started) {
        vertx.setPeriodic(refresh.toMillis(), id -> refreshNow().subscribe().with(ignored -> {}, failure -> {}));
    }

    public boolean isSuspended(UUID tenantId) {
        return suspended.contains(tenantId);
    }

    /** Reads the suspended tenants again. */
    public Uni<Void> refreshNow() {
        return pool.query("SELECT t FROM orders.suspended_tenants() t").execute()
                .invoke(rows -> {
                    Set<UUID> now = new HashSet<>();
                    for (Row row : rows) now.add(row.getUUID(0));
                    suspended = Set.copyOf(now);
                })
                .onFailure().invoke(e -> LOG.debugf("tenant registry not readable: %s", e.getMessage()))
                .replaceWithVoid();
    }

    private void admit(RoutingContext ctx) {
        if (suspended.isEmpty()) {
            ctx.next();
            return;
        }
        Optional<UUID> tenant = tokens.bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)).map(token -> {
            try {
                return UUID.fromString(String.valueOf((Object) token.getClaim(CallerProducer.TENANT_CLAIM)).replace("\"", ""));
            } catch (IllegalArgumentException noTenant) {
                return null;
            }
        });
        if (tenant.isEmpty() || !suspended.contains(tenant.get())) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Problem.of(403, "tenant-suspended", "Forbidden", "tenant " + tenant.get()
                        + " is suspended: the platform refuses its requests until an operator resumes it")
                        .field("Authorization").toJson());
    }
}

package io.cloudlab.support.audit;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.cloudlab.support.security.CallerProducer;
import io.cloudlab.support.security.VerifiedTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Writes the security audit log ({@code event_store.security_audit_log}): every operator action with its outcome,
 * and every request refused for its credentials (401) or its role (403), with who, which tenant, what, when and
 * how it ended.
 *
 * <p>An operator action is recorded before its answer goes out, so an action the log lacks was never answered.
 * Refused requests are recorded in batches, off the request path, from a bounded queue: a flood of bad tokens
 * (already bounded per address by the rate limit) cannot turn into a flood of writes, and what does not fit is
 * counted ({@code security_audit_dropped_total}) rather than written.
 */
@ApplicationScoped
public class SecurityAudit {

    private static final Logger LOG = Logger.getLogger(SecurityAudit.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private static final String INSERT = "INSERT INTO event_store.security_audit_log (service, action, outcome, actor,"
            + " actor_tenant_id, actor_roles, tenant_id, target, detail, client_address, trace_id)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    /** One record, as the log holds it ({@code occurredAt} is the database's, null until written). */
    public record Entry(String action, String outcome, String actor, UUID actorTenantId, String actorRoles, UUID tenantId,
            String target, String detail, String clientAddress, String traceId, java.time.Instant occurredAt) {}

    @Inject
    Pool pool;

    @Inject
    VerifiedTokens tokens;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final BlockingQueue<Entry> refusals = new ArrayBlockingQueue<>(QUEUE);
    private Counter dropped;

    @Inject
    void metrics(MeterRegistry registry) {
        dropped = Counter.builder("security_audit_dropped").description("Refused requests the audit queue had no room for")
                .register(registry);
    }

    void flushPeriodically(@Observes StartupEvent started) {
        vertx.setPeriodic(1_000, id -> flush());
    }

    void install(@Observes Router router) {
        // After the rate limit (order -4): a client it refuses is not written down again here.
        router.route().order(-3).handler(this::watch);
    }

    /**
     * Runs an operator's action and records it once its outcome is known: succeeded, refused (a 4xx problem: the
     * saga's state, another tenant's saga) or failed; the record's failure never changes the action's answer.
     *
     * @param tenantId the tenant acted on, or null for a platform-wide action
     */
    public <T> Uni<T> action(Caller caller, String action, UUID tenantId, String target, String reason, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(work::get)
                .onItemOrFailure().call((item, failure) -> write(List.of(new Entry(action, outcome(failure), caller.userId(),
                        caller.tenantId(), String.join(",", caller.roles().stream().sorted().toList()), tenantId, target,
                        detail(reason, failure), null, null, null)))
                        .onFailure().recoverWithItem(writeFailed -> {
                            LOG.errorf("security audit: could not record %s of %s: %s", action, target, writeFailed.toString());
                            return null;
                        }));
    }

    /** The newest records first, filtered; for platform operators. */
    public Uni<List<Entry>> newest(UUID tenantId, String action, String actor, int limit) {
        return pool.preparedQuery("SELECT action, outcome, actor, actor_tenant_id, actor_roles, tenant_id, target, detail,"
                        + " client_address, trace_id, occurred_at FROM event_store.security_audit_log"
                        + " WHERE ($1::uuid IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR action = $2)"
                        + " AND ($3::text IS NULL OR actor = $3) ORDER BY occurred_at DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(tenantId, action, actor, limit)))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(new Entry(r.getString("action"), r.getString("outcome"), r.getString("actor"),
                            r.getUUID("actor_tenant_id"), r.getString("actor_roles"), r.getUUID("tenant_id"), r.getString("target"),
                            r.getString("detail"), r.getString("client_address"), r.getString("trace_id"),
                            r.getOffsetDateTime("occurred_at").toInstant())));
                    return entries;
                });
    }

    private void watch(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && !path.startsWith("/q/")) {
            ctx.addHeadersEndHandler(ignored -> {
                int status = ctx.response().getStatusCode();
                if (status == 401 || status == 403) refused(ctx, status);
            });
        }
        ctx.next();
    }

    private void refused(RoutingContext ctx, int status) {
        Optional<JsonWebToken> token = status == 403
                ? tokens.bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)) : Optional.empty();
        String path = ctx.request().path();
        Entry entry = new Entry(status == 401 ? "authentication.failed" : "authorization.refused", "refused",
                token.map(JsonWebToken::getSubject).orElse(null),
                token.map(t -> uuid(t.getClaim(CallerProducer.TENANT_CLAIM))).orElse(null),
                token.map(t -> t.getGroups() == null ? "" : String.join(",", t.getGroups().stream().sorted().toList())).orElse(null),
                null, ctx.request().method() + " " + (path.length() > 200 ? path.substring(0, 200) : path), null,
                ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(),
                traceId(ctx.request().getHeader("traceparent")), null);
        if (!refusals.offer(entry)) dropped.increment();
    }

    private void flush() {
        List<Entry> batch = new ArrayList<>();
        refusals.drainTo(batch, BATCH);
        if (batch.isEmpty()) return;
        write(batch).subscribe().with(done -> { if (batch.size() == BATCH) flush(); },
                failure -> LOG.errorf("security audit: %d refusals not recorded: %s", batch.size(), failure.toString()));
    }

    private Uni<Void> write(List<Entry> entries) {
        List<Tuple> rows = entries.stream().map(e -> Tuple.from(Arrays.asList(service, e.action(), e.outcome(), e.actor(),
                e.actorTenantId(), e.actorRoles(), e.tenantId(), e.target(), e.detail(), e.clientAddress(), e.traceId()))).toList();
        return pool.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    private static String outcome(Throwable failure) {
        if (failure == null) return "succeeded";
        if (failure instanceof ProblemException p && p.problem().status() < 500) return "refused";
        return "failed";
    }

    private static String detail(String reason, Throwable failure) {
        String why = failure == null ? null
                : failure instanceof ProblemException p ? p.problem().status() + " " + p.problem().detail() : failure.toString();
        String text = reason == null ? why : why == null ? reason : reason + " (" + why + ")";
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static UUID uuid(Object claim) {
        try {
            return claim == null ? null : UUID.fromString(String.valueOf(claim).replace("\"", ""));
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** The trace id a W3C traceparent carries (version-traceid-parentid-flags), if well formed. */
    private static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) return null;
        String id = traceparent.substring(3, 35);
        return id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id : null;
    }
}

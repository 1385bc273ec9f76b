package io.cloudlab.order.admission;

import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.time.MonotonicClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Load shedding at the door: while too many orders have waited too long for their payment, a new order is
 * refused with 503 and Retry-After, before anything is written (its Idempotency-Key is not claimed, so the
 * client's retry with the same key is a first attempt).
 *
 * <p>Why at the door: past capacity, an order accepted is one more in a queue in front of every saga step, the
 * steps' deadlines pass while their commands wait, they are sent again (more work at the worst moment) and the
 * sagas end compensated or stopped for an operator. A quick refusal the storefront can retry keeps the orders
 * already accepted within their deadlines (docs/performance.md, "Refusing orders past capacity").
 *
 * <p>Why late orders rather than orders in flight: how many orders may be in flight depends on how many the
 * deployment carries a second (Little's law: few on a small machine, hundreds with cores to match), how long
 * they wait does not. Like CoDel's queue-sojourn rule (Nichols and Jacobson, "Controlling Queue Delay", 2012) this
 * needs no capacity figure, and a few slow sagas (a gateway timing out, a redelivered command) do not trip it.
 *
 * <p>Per tenant first: a tenant with {@code max-late-per-tenant} late orders has its new orders refused while other
 * tenants' are accepted, so one shop's flash sale is refused before anyone else's; the platform's rule
 * ({@code max-late}, every tenant together) still refuses everyone past that.
 *
 * <p>The count is the database's (orders_in_flight_by_tenant, V6), so it is the same for every instance and survives
 * restarts. While orders come in it is taken again in the background at most every {@code refresh}, and a
 * request is judged on the last count without waiting. A count older than {@code trust-for} (after a quiet
 * spell, say) tells how it was, not how it is: the request waits for a new one, so a platform that has drained
 * its queue accepts the first order after it.
 */
@ApplicationScoped
public class OrderAdmission {

    private static final Logger LOG = Logger.getLogger(OrderAdmission.class);

    @Inject
    Pool pool;

    @Inject
    AdmissionConfig config;

    @Inject
    AdmissionLimit limit;

    @Inject
    MeterRegistry registry;

    @Inject
    MonotonicClock clock;

    /** The last count; null until the first: admit. */
    private volatile Count count;
    /** The count being taken, shared by every request that waits for it; null when none is. */
    private final AtomicReference<Uni<Count>> counting = new AtomicReference<>();
    private Counter refusedForTenant;
    private Counter refusedForPlatform;

    /** The platform's totals, and the late orders of each tenant that has any. */
    private record Count(long inFlight, long late, Map<UUID, Long> lateByTenant, long takenAt) {
        long lateOf(UUID tenant) {
            return lateByTenant.getOrDefault(tenant, 0L);
        }
    }

    @PostConstruct
    void meters() {
        Gauge.builder("cloudlab_orders_in_flight", this, a -> a.count == null ? 0 : a.count.inFlight())
                .description("Orders placed in the admission window and still pending payment (last count)")
                .register(registry);
        Gauge.builder("cloudlab_orders_late", this, a -> a.count == null ? 0 : a.count.late())
                .description("Orders pending payment for longer than cloudlab.orders.admission.late-after (last count)")
                .register(registry);
        refusedForTenant = Counter.builder("cloudlab_orders_refused").tag("rule", "tenant")
                .description("Orders refused with 503: too many late orders (of the tenant, or of all)").register(registry);
        refusedForPlatform = Counter.builder("cloudlab_orders_refused").tag("rule", "platform")
                .description("Orders refused with 503: too many late orders (of the tenant, or of all)").register(registry);
    }

    /** Null when {@code tenant} may place an order now; otherwise the 503 to answer with. */
    public Uni<Response> refusal(UUID tenant) {
        if (!config.enabled()) return Uni.createFrom().nullItem();
        Count last = count;
        long age = last == null ? Long.MAX_VALUE : clock.nanoTime() - last.takenAt();
        if (age < config.trustFor().toNanos()) {
            if (age >= config.refresh().toNanos()) recount().subscribe().with(c -> {}, f -> {});
            return Uni.createFrom().item(judge(last, tenant));
        }
        // Keep the last count when the database is away: placing fails anyway and says why.
        return recount().onFailure().recoverWithItem(last).map(current -> judge(current, tenant));
    }

    private Response judge(Count current, UUID tenant) {
        if (current == null) return null;
        int perTenant = limit.maxLatePerTenant();
        int max = limit.maxLate();
        String detail;
        if (current.lateOf(tenant) >= perTenant) {
            refusedForTenant.increment();
            detail = current.lateOf(tenant) + " of this shop's orders have waited more than " + config.lateAfter().toSeconds()
                    + " s for payment (at most " + perTenant + " may); try again after Retry-After seconds";
        } else if (current.late() >= max) {
            refusedForPlatform.increment();
            detail = current.late() + " of the " + current.inFlight() + " orders being carried out have waited more than "
                    + config.lateAfter().toSeconds() + " s for payment (at most " + max + " may); try again after Retry-After seconds";
        } else {
            return null;
        }
        long seconds = Math.max(1, config.retryAfter().toSeconds());
        return Problem.of(503, "too-many-orders-in-flight", "Too many orders in flight", detail).toResponse(seconds);
    }

    /** A new count, or the one being taken: one query at a time, however many requests ask. */
    private Uni<Count> recount() {
        Uni<Count> running = counting.get();
        if (running != null) return running;
        Uni<Count> query = pool.preparedQuery("SELECT tenant_id, in_flight, late FROM orders.orders_in_flight_by_tenant($1, $2)")
                .execute(Tuple.of(seconds(config.window()), seconds(config.lateAfter())))
                .map(rows -> {
                    long inFlight = 0;
                    long late = 0;
                    Map<UUID, Long> lateByTenant = new HashMap<>();
                    for (Row row : rows) {
                        inFlight += row.getLong("in_flight");
                        late += row.getLong("late");
                        if (row.getLong("late") > 0) lateByTenant.put(row.getUUID("tenant_id"), row.getLong("late"));
                    }
                    Count taken = new Count(inFlight, late, Map.copyOf(lateByTenant), clock.nanoTime());
                    count = taken;
                    return taken;
                })
                .onFailure().invoke(failure -> LOG.debugf("counting orders in flight failed: %s", failure.getMessage()))
                .onTermination().invoke(() -> counting.set(null))
                .memoize().indefinitely();
        return counting.compareAndSet(null, query) ? query : recount();
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }
}

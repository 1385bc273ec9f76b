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
 * <p>The count is the database's (orders_in_flight, V4), so it is the same for every instance and survives
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
    private Counter refused;

    private record Count(long inFlight, long late, long takenAt) {}

    @PostConstruct
    void meters() {
        Gauge.builder("cloudlab_orders_in_flight", this, a -> a.count == null ? 0 : a.count.inFlight())
                .description("Orders placed in the admission window and still pending payment (last count)")
                .register(registry);
        Gauge.builder("cloudlab_orders_late", this, a -> a.count == null ? 0 : a.count.late())
                .description("Orders pending payment for longer than cloudlab.orders.admission.late-after (last count)")
                .register(registry);
        refused = Counter.builder("cloudlab_orders_refused").description("Orders refused with 503: too many late orders")
                .register(registry);
    }

    /** Null when an order may be placed now; otherwise the 503 to answer with. */
    public Uni<Response> refusal() {
        if (!config.enabled()) return Uni.createFrom().nullItem();
        Count last = count;
        long age = last == null ? Long.MAX_VALUE : clock.nanoTime() - last.takenAt();
        if (age < config.trustFor().toNanos()) {
            if (age >= config.refresh().toNanos()) recount().subscribe().with(c -> {}, f -> {});
            return Uni.createFrom().item(judge(last));
        }
        // Keep the last count when the database is away: placing fails anyway and says why.
        return recount().onFailure().recoverWithItem(last).map(this::judge);
    }

    private Response judge(Count current) {
        int max = limit.maxLate();
        if (current == null || current.late() < max) return null;
        refused.increment();
        long seconds = Math.max(1, config.retryAfter().toSeconds());
        String detail = current.late() + " of the " + current.inFlight() + " orders being carried out have waited more than "
                + config.lateAfter().toSeconds() + " s for payment (at most " + max + " may); try again after Retry-After seconds";
        return Problem.of(503, "too-many-orders-in-flight", "Too many orders in flight", detail).toResponse(seconds);
    }

    /** A new count, or the one being taken: one query at a time, however many requests ask. */
    private Uni<Count> recount() {
        Uni<Count> running = counting.get();
        if (running != null) return running;
        Uni<Count> query = pool.preparedQuery("SELECT in_flight, late FROM orders.orders_in_flight($1, $2)")
                .execute(Tuple.of(seconds(config.window()), seconds(config.lateAfter())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Count taken = new Count(row.getLong(0), row.getLong(1), clock.nanoTime());
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

package io.cloudlab.order.admission;

import io.cloudlab.support.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * restarts. It is taken again at most every {@code refresh} and only when an order is placed, in the
 * background: a request never waits for it, and a refusal is decided on a count at most that old.
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

    /** The last count; null until the first: admit. */
    private volatile Count count;
    private final AtomicBoolean counting = new AtomicBoolean();
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
    public Response refusal() {
        if (!config.enabled()) return null;
        Count last = count;
        countIfStale(last);
        int max = limit.maxLate();
        if (last == null || last.late() < max) return null;
        refused.increment();
        long seconds = Math.max(1, config.retryAfter().toSeconds());
        String detail = last.late() + " of the " + last.inFlight() + " orders being carried out have waited more than "
                + config.lateAfter().toSeconds() + " s for payment (at most " + max + " may); try again after Retry-After seconds";
        return Problem.of(503, "too-many-orders-in-flight", "Too many orders in flight", detail).toResponse(seconds);
    }

    private void countIfStale(Count last) {
        if (last != null && System.nanoTime() - last.takenAt() < config.refresh().toNanos()) return;
        if (!counting.compareAndSet(false, true)) return;
        pool.preparedQuery("SELECT in_flight, late FROM orders.orders_in_flight($1, $2)")
                .execute(Tuple.of(seconds(config.window()), seconds(config.lateAfter())))
                .subscribe().with(rows -> {
                    Row row = rows.iterator().next();
                    count = new Count(row.getLong(0), row.getLong(1), System.nanoTime());
                    counting.set(false);
                }, failure -> {
                    // Keep the last count: with the database away, placing fails anyway and says why.
                    LOG.debugf("counting orders in flight failed: %s", failure.getMessage());
                    counting.set(false);
                });
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }
}

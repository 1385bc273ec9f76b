package io.cloudlab.inventory.reservation.store;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.support.metrics.CommandMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives back the stock of reservations nobody committed in time. Every instance runs it; they do not need to
 * agree on who runs: each order is expired in its own transaction that locks the due rows with SKIP LOCKED,
 * so an order is expired once, by whichever instance locks it first.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    static final String USER = "inventory-service:reservation-expiry";

    @Inject
    Pool pool;

    @Inject
    ReservationRepository reservations;

    @Inject
    CommandMetrics metrics;

    @ConfigProperty(name = "cloudlab.inventory.expiry-batch", defaultValue = "100")
    int batch;

    @Scheduled(every = "${cloudlab.inventory.expiry-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return releaseDue().replaceWithVoid();
    }

    /** Expires one batch of due orders; answers how many orders this instance expired. */
    public Uni<Integer> releaseDue() {
        return pool.preparedQuery("SELECT tenant_id, order_id FROM inventory.due_reservations(now(), $1)")
                .execute(Tuple.of(batch))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    Uni<Integer> count = Uni.createFrom().item(0);
                    for (Row row : due) {
                        UUID tenant = row.getUUID("tenant_id");
                        UUID order = row.getUUID("order_id");
                        count = count.chain(n -> expire(tenant, order).map(expired -> expired ? n + 1 : n));
                    }
                    return count;
                });
    }

    private Uni<Boolean> expire(UUID tenantId, UUID orderId) {
        EventMetadata metadata = EventMetadata.forTenant(tenantId).byUser(USER);
        return metrics.timed("expire_reservation", () -> reservations.expire(metadata, orderId))
                .map(expired -> expired != null)
                // One order that cannot be expired (a bug, a lost connection) must not stop the others.
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "could not expire the reservation of order %s (tenant %s)", orderId, tenantId);
                    return false;
                });
    }
}

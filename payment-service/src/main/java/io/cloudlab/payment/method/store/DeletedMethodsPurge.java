package io.cloudlab.payment.method.store;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The right to erasure's second half (seed 000): payment methods soft-deleted longer ago than the soft-delete
 * period ({@code cloudlab.payment.methods.purge-after}, 30 days, the database's floor) are hard-deleted, in
 * every tenant. Runs a minute after start, then every {@code purge-interval}; instances may run it together
 * (a row is deleted once).
 */
@ApplicationScoped
public class DeletedMethodsPurge {

    private static final Logger LOG = Logger.getLogger(DeletedMethodsPurge.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "cloudlab.payment.methods.purge-after", defaultValue = "P30D")
    Duration purgeAfter;

    @ConfigProperty(name = "cloudlab.payment.methods.purge-interval", defaultValue = "PT6H")
    Duration interval;

    Clock clock = Clock.systemUTC();

    void schedule(@Observes StartupEvent started) {
        vertx.setTimer(60_000, first -> {
            run();
            vertx.setPeriodic(interval.toMillis(), id -> run());
        });
    }

    private void run() {
        purgeDeletedBefore(clock.instant().minus(purgeAfter)).subscribe().with(
                purged -> { if (purged > 0) LOG.infof("hard-deleted %d payment methods soft-deleted over %s ago", purged, purgeAfter); },
                failure -> LOG.warnf("could not purge deleted payment methods: %s", failure.getMessage()));
    }

    /** Hard-deletes the methods soft-deleted before {@code cutoff}; answers how many. */
    public Uni<Long> purgeDeletedBefore(Instant cutoff) {
        return pool.preparedQuery("SELECT payments.purge_deleted_payment_methods($1) AS purged")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("purged"));
    }
}

package io.cloudlab.saga.fulfilment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Fires due step deadlines. Deadlines live in saga_instances.deadline_at, so they survive restarts; each
 * tick claims due sagas with FOR UPDATE SKIP LOCKED, so several orchestrator instances share them and no
 * deadline fires twice. Ticks do not overlap: the next is scheduled when this one has finished.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);
    private static final int BATCH = 50;

    @Inject
    Vertx vertx;

    @Inject
    Fulfilment fulfilment;

    @Inject
    FulfilmentConfig config;

    @Inject
    Pool pool;

    @Inject
    SagaMetrics metrics;

    private volatile boolean running;
    private long ticks;

    void start(@Observes StartupEvent event) {
        running = true;
        schedule();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void schedule() {
        if (running) vertx.setTimer(config.schedulerInterval().toMillis(), id -> tick());
    }

    private void tick() {
        fulfilment.fireDeadlines(BATCH)
                .chain(fired -> ticks++ % 10 == 0 ? measurePastDeadline().replaceWith(fired) : io.smallrye.mutiny.Uni.createFrom().item(fired))
                .subscribe().with(fired -> {
                    if (fired == BATCH) tick(); else schedule();
                }, failure -> {
                    LOG.warnf("deadline scheduler: %s", failure.toString());
                    schedule();
                });
    }

    /** Sagas whose running step is overdue by more than a tick: a backlog the scheduler is not keeping up with. */
    private io.smallrye.mutiny.Uni<Void> measurePastDeadline() {
        // Every tenant's sagas: the owner's function, which returns the count alone (row-level security holds the rest).
        return pool.query("SELECT saga.sagas_past_deadline(interval '5 seconds') AS n").execute()
                .invoke(rows -> metrics.pastDeadline(rows.iterator().next().getLong("n"))).replaceWithVoid();
    }
}

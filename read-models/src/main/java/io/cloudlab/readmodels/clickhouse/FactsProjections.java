package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.quarkus.Subscriptions;
import io.cloudlab.readmodels.projection.Backlog;
import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ProjectionSource;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.projection.StoreReader;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Finds the service's {@link FactsDefinition} beans and runs each with a {@link FactsProjector}: reconciled at
 * start and at every monitor interval (migrations, subscriptions, switch-over after a rebuild), stopped at
 * shutdown. ClickHouse being down delays all of that and nothing else: the service starts and serves orders,
 * and analytics answer 503 until ClickHouse answers.
 */
@ApplicationScoped
public class FactsProjections implements ProjectionSource {

    private static final Logger LOG = Logger.getLogger(FactsProjections.class);

    private final List<FactsProjector> projectors = new CopyOnWriteArrayList<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final ClickHouse clickhouse;
    private final Subscriptions subscriptions;
    private final Backlog backlog;
    private final StoreReader reader;
    private final Pool pool;
    private final ProjectionsConfig config;
    private final Vertx vertx;
    private final String store;
    private final ClickHouseConfig clickhouseConfig;
    private long timer = -1;
    private long retentionTimer = -1;

    FactsProjections(Instance<FactsDefinition> definitions, ClickHouse clickhouse, Subscriptions subscriptions,
            Backlog backlog, StoreReader reader, StoreIdentity store, Pool pool, ProjectionsConfig config, Vertx vertx,
            ClickHouseConfig clickhouseConfig) {
        this.clickhouse = clickhouse;
        this.clickhouseConfig = clickhouseConfig;
        this.subscriptions = subscriptions;
        this.backlog = backlog;
        this.reader = reader;
        this.pool = pool;
        this.config = config;
        this.vertx = vertx;
        this.store = store.id().await().atMost(Duration.ofSeconds(30));
        for (FactsDefinition definition : definitions) projectors.add(create(definition));
    }

    @Override
    public List<OperableProjection> projections() {
        return List.copyOf(projectors);
    }

    /** The running projector of a definition, for the service's queries. */
    public FactsProjector projector(String name) {
        return projectors.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no facts projection " + name));
    }

    /**
     * Runs a definition that is not a bean (a test's, say) like the others, until {@link #stop(FactsProjector)}.
     */
    public FactsProjector run(FactsDefinition definition) {
        FactsProjector projector = create(definition);
        projectors.add(projector);
        reconcile(projector);
        return projector;
    }

    public void stop(FactsProjector projector) {
        projectors.remove(projector);
        projector.stop();
    }

    void start(@Observes StartupEvent start) {
        projectors.forEach(this::reconcile);
        timer = vertx.getDelegate().setPeriodic(config.monitorInterval().toMillis(), id -> projectors.forEach(this::reconcile));
        // The first run waits a minute: migrations and the first batches come first at start.
        retentionTimer = vertx.getDelegate().setPeriodic(Duration.ofMinutes(1).toMillis(),
                clickhouseConfig.retentionInterval().toMillis(), id -> dropPastRetention(Instant.now()).subscribe().with(
                        dropped -> {}, failure -> LOG.warnf("analytics retention did not run (is ClickHouse up?): %s", failure.toString())));
    }

    /**
     * Drops the fact partitions of every projection that are past {@code cloudlab.clickhouse.retention} as of
     * {@code now}; answers what was dropped ({@code table/partition_id}).
     */
    public Uni<List<String>> dropPastRetention(Instant now) {
        Instant cutoff = now.minus(clickhouseConfig.retention());
        Uni<List<String>> all = Uni.createFrom().item(new ArrayList<>());
        for (FactsProjector projector : projectors) {
            all = all.chain(dropped -> projector.dropPartitionsBefore(cutoff).map(more -> {
                dropped.addAll(more);
                return dropped;
            }));
        }
        return all;
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) vertx.getDelegate().cancelTimer(timer);
        if (retentionTimer >= 0) vertx.getDelegate().cancelTimer(retentionTimer);
        projectors.forEach(FactsProjector::stop);
    }

    private FactsProjector create(FactsDefinition definition) {
        return new FactsProjector(definition, clickhouse, subscriptions, backlog, reader, pool, config, store);
    }

    /** Logs a failure once until the projection recovers, not every second while ClickHouse is down. */
    private void reconcile(FactsProjector projector) {
        projector.reconcile().subscribe().with(
                ok -> {
                    if (failing.remove(projector.name()) != null) LOG.infof("projection %s: ClickHouse answers again", projector.name());
                },
                failure -> {
                    if (failing.put(projector.name(), failure.toString()) == null) {
                        LOG.warnf("projection %s: cannot reconcile (is ClickHouse up?): %s", projector.name(), failure.toString());
                    }
                });
    }
}

package io.cloudlab.readmodels.redis;

import io.cloudlab.eventstore.quarkus.Subscriptions;
import io.cloudlab.readmodels.projection.Backlog;
import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ProjectionSource;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.projection.StoreReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finds the service's {@link DocumentProjection} beans and runs each with a {@link RedisProjector}: subscribed
 * at start (when {@code cloudlab.projections.enabled}), reconciled with its meta key at every monitor interval,
 * stopped at shutdown.
 */
@ApplicationScoped
public class RedisProjections implements ProjectionSource {

    private static final Logger LOG = Logger.getLogger(RedisProjections.class);

    private final List<RedisProjector> projectors = new ArrayList<>();
    private final Vertx vertx;
    private final ProjectionsConfig config;
    private long timer = -1;

    RedisProjections(Instance<DocumentProjection> projections, ReactiveRedisDataSource redis, Subscriptions subscriptions,
            Backlog backlog, StoreReader reader, StoreIdentity store, ProjectionsConfig config, MeterRegistry metrics,
            Vertx vertx) {
        this.vertx = vertx;
        this.config = config;
        for (DocumentProjection projection : projections) {
            Timer delay = Timer.builder("cloudlab_projection_apply_delay")
                    .description("From an event's commit to its effect in the read model")
                    .tag("projection", projection.name()).publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(metrics);
            ViewKeys keys = ViewKeys.of(config.redis().namespace(), projection.name(), store.id().await().atMost(Duration.ofSeconds(30)));
            projectors.add(new RedisProjector(projection, keys, redis, subscriptions, backlog, reader, config, delay));
        }
    }

    @Override
    public List<OperableProjection> projections() {
        return List.copyOf(projectors);
    }

    /** The projector of a projection, for the service's own operations on its documents. */
    public RedisProjector projector(String name) {
        return projectors.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Redis projection " + name));
    }

    void start(@Observes StartupEvent start) {
        if (!config.enabled() || projectors.isEmpty()) return;
        reconcile();
        timer = vertx.getDelegate().setPeriodic(config.monitorInterval().toMillis(), id -> reconcile());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) vertx.getDelegate().cancelTimer(timer);
        projectors.forEach(RedisProjector::stop);
    }

    private void reconcile() {
        for (RedisProjector projector : projectors) {
            projector.reconcile().subscribe().with(x -> {}, failure ->
                    LOG.warnf("projection %s: cannot reconcile (is Redis up?): %s", projector.name(), failure.toString()));
        }
    }
}

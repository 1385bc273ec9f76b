package io.cloudlab.readmodels.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Measures every projection's lag at a fixed interval and keeps the last figures: as gauges
 * ({@code cloudlab_projection_lag_events}, {@code cloudlab_projection_lag_seconds}, {@code
 * cloudlab_projection_parked_events}, tagged with the projection) and for {@link ProjectionsReadiness}.
 * Each process measures for itself from the shared checkpoint, so every instance reports the same lag
 * whichever one applies the events.
 */
@ApplicationScoped
public class ProjectionMonitor {

    private static final Logger LOG = Logger.getLogger(ProjectionMonitor.class);

    private final Projections projections;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final ProjectionsConfig config;
    private final Map<String, ProjectionState> latest = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private long timer = -1;

    ProjectionMonitor(Projections projections, MeterRegistry registry, Vertx vertx,
            ProjectionsConfig config) {
        this.projections = projections;
        this.registry = registry;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        for (OperableProjection p : projections.all()) {
            String name = p.name();
            Gauge.builder("cloudlab_projection_lag_events", latest, m -> value(m, name, ProjectionState::lagEvents))
                    .tag("projection", name).description("Committed events the projection has not applied yet")
                    .register(registry);
            Gauge.builder("cloudlab_projection_lag_seconds", latest, m -> value(m, name, ProjectionState::lagSeconds))
                    .tag("projection", name).description("Age of the oldest event the projection has not applied")
                    .register(registry);
            Gauge.builder("cloudlab_projection_parked_events", latest, m -> value(m, name, ProjectionState::parked))
                    .tag("projection", name).description("Poison events parked (and events waiting behind them)")
                    .register(registry);
        }
        timer = vertx.getDelegate().setPeriodic(config.monitorInterval().toMillis(), id -> measure());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) vertx.getDelegate().cancelTimer(timer);
    }

    private void measure() {
        for (OperableProjection p : projections.all()) {
            p.state().subscribe().with(state -> {
                latest.put(p.name(), state);
                failures.remove(p.name());
            }, failure -> {
                if (failures.put(p.name(), failure) == null) LOG.warnf("cannot measure projection %s: %s", p.name(), failure);
            });
        }
    }

    /** The last measured state of each projection (empty until the first measurement). */
    public Map<String, ProjectionState> latest() {
        return Map.copyOf(latest);
    }

    /** Projections whose last measurement failed, with why. */
    public Map<String, Throwable> failures() {
        return Map.copyOf(failures);
    }

    private static double value(Map<String, ProjectionState> latest, String name,
            java.util.function.ToDoubleFunction<ProjectionState> figure) {
        ProjectionState state = latest.get(name);
        return state == null ? Double.NaN : figure.applyAsDouble(state);
    }
}

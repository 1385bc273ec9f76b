package io.cloudlab.readmodels.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while any projection is further behind than {@code cloudlab.projections.max-lag}: a load balancer then
 * sends reads elsewhere instead of serving views that old. Only lag counts; a projection whose store cannot be
 * measured is reported (its own store's check says why) but does not turn the service DOWN, since reads then
 * fall back to PostgreSQL and still answer.
 */
@Readiness
@ApplicationScoped
public class ProjectionsReadiness implements HealthCheck {

    private final ProjectionMonitor monitor;
    private final ProjectionsConfig config;

    ProjectionsReadiness(ProjectionMonitor monitor, ProjectionsConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("projections").up();
        double maxSeconds = config.maxLag().toMillis() / 1000.0;
        for (Map.Entry<String, ProjectionState> e : monitor.latest().entrySet()) {
            ProjectionState s = e.getValue();
            response.withData(e.getKey(), s.lagEvents() + " events, " + Math.round(s.lagSeconds() * 1000) + " ms behind");
            if (s.lagSeconds() > maxSeconds) response.down();
        }
        monitor.failures().forEach((name, why) -> response.withData(name, "not measured: " + why.getMessage()));
        return response.build();
    }
}

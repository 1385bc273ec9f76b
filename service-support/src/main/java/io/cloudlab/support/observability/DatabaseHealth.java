package io.cloudlab.support.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The database's health as seed 001 checks it, with seed 000's thresholds ({@code event_store.database_health()},
 * migration V9): connections, long-running queries, blocked sessions, the oldest open transaction (which holds
 * back every subscription), slow statements, replication lag, size. Read on demand by {@code GET
 * /admin/database} and every {@link #REFRESH_MILLIS} into gauges, so that alerts need no database exporter.
 */
@ApplicationScoped
public class DatabaseHealth {

    private static final Logger LOG = Logger.getLogger(DatabaseHealth.class);
    static final long REFRESH_MILLIS = 30_000;

    /** One check: {@code status} OK, WARNING or UNKNOWN; {@code value} against {@code threshold}. */
    public record Check(String name, String status, BigDecimal value, BigDecimal threshold, String message) {}

    /** All checks; {@code status} is WARNING when any check warns. */
    public record Report(String status, List<Check> checks) {}

    private final Pool pool;
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Map<String, Double> warnings = new ConcurrentHashMap<>();

    DatabaseHealth(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    public Uni<Report> report() {
        return pool.query("SELECT check_name, status, value, threshold, message FROM event_store.database_health()")
                .execute()
                .map(rows -> {
                    List<Check> checks = new ArrayList<>();
                    for (Row row : rows) {
                        checks.add(new Check(row.getString(0), row.getString(1), row.getBigDecimal(2), row.getBigDecimal(3),
                                row.getString(4)));
                    }
                    boolean warns = checks.stream().anyMatch(c -> "WARNING".equals(c.status()));
                    return new Report(warns ? "WARNING" : "OK", List.copyOf(checks));
                });
    }

    void refreshPeriodically(@Observes StartupEvent started, Vertx vertx) {
        vertx.setPeriodic(1_000, REFRESH_MILLIS, id -> refresh());
    }

    private void refresh() {
        report().subscribe().with(report -> report.checks().forEach(this::publish),
                failure -> LOG.debugf("database health not refreshed: %s", failure.getMessage()));
    }

    private void publish(Check check) {
        if (!values.containsKey(check.name())) {
            Gauge.builder("cloudlab_database_check_value", values, v -> v.getOrDefault(check.name(), Double.NaN))
                    .description("A database health check's figure (event_store.database_health())")
                    .tag("check", check.name()).register(registry);
            Gauge.builder("cloudlab_database_check_warning", warnings, w -> w.getOrDefault(check.name(), Double.NaN))
                    .description("1 while a database health check is past its threshold")
                    .tag("check", check.name()).register(registry);
        }
        values.put(check.name(), check.value() == null ? Double.NaN : check.value().doubleValue());
        warnings.put(check.name(), "WARNING".equals(check.status()) ? 1.0 : 0.0);
    }
}

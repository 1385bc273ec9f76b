package io.cloudlab.eventstore.partition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.data.Interval;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the events table's monthly partitions in shape: the coming months exist before any stream is
 * created in them (a month cannot get its partition once the DEFAULT partition holds rows of it), and
 * months past retention are detached into {@code event_store_archive}, never dropped. The work is done by
 * owner functions (V2); every step is written to {@code event_store.partition_maintenance_log}.
 */
public final class PartitionMaintenance {

    /** What one run did. */
    public record Report(List<String> created, List<String> detached, long idempotencyKeysPurged) {}

    private final Pool pool;
    private final int monthsAhead;
    private final Period retention;

    public PartitionMaintenance(Pool pool, int monthsAhead, Period retention) {
        if (monthsAhead < 3) throw new IllegalArgumentException("keep at least the next 3 months ready");
        this.pool = pool;
        this.monthsAhead = monthsAhead;
        this.retention = retention;
    }

    public Uni<Report> run() {
        return names("SELECT event_store.ensure_partitions($1) AS name", Tuple.of(monthsAhead))
                .chain(created -> names("SELECT event_store.detach_expired_partitions($1) AS name",
                                Tuple.of(new Interval(retention.getYears(), retention.getMonths(), retention.getDays())))
                        .chain(detached -> pool.preparedQuery("SELECT event_store.purge_idempotency_keys('1 day') AS n,"
                                        + " event_store.purge_processed_messages('8 days') AS m,"
                                        + " event_store.purge_security_audit_log('3 years') AS a,"
                                        + " event_store.purge_data_processing_log('3 years') AS d")
                                .execute().map(rows -> new Report(created, detached,
                                        rows.iterator().next().getLong("n")))));
    }

    private Uni<List<String>> names(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<String> names = new ArrayList<>();
            for (Row row : rows) names.add(row.getString("name"));
            return names;
        });
    }
}

package io.cloudlab.eventstore.partition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.data.Interval;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the events table's monthly partitions in shape: the coming months exist before any stream is
 * created in them (a month cannot get its partition once the DEFAULT partition holds rows of it), and
 * months past retention are detached into {@code event_store_archive}, never dropped. The work is done by
 * owner functions (V2); every step is written to {@code event_store.partition_maintenance_log}. The same run
 * keeps the platform's logs to their retention, and the service's own tables to theirs, through the function
 * the service names ({@code ownTablesPurge}: a schema's function that deletes what is past its retention and
 * answers how many rows).
 */
public final class PartitionMaintenance {

    /** What one run did. */
    public record Report(List<String> created, List<String> detached, long idempotencyKeysPurged, long ownRowsPurged) {}

    private static final java.util.regex.Pattern FUNCTION = java.util.regex.Pattern.compile("[a-z_]+\\.[a-z_]+");

    private final Pool pool;
    private final int monthsAhead;
    private final Period retention;
    private final Optional<String> ownTablesPurge;

    public PartitionMaintenance(Pool pool, int monthsAhead, Period retention) {
        this(pool, monthsAhead, retention, Optional.empty());
    }

    /** @param ownTablesPurge the service's function, such as {@code orders.purge_past_retention} */
    public PartitionMaintenance(Pool pool, int monthsAhead, Period retention, Optional<String> ownTablesPurge) {
        if (monthsAhead < 3) throw new IllegalArgumentException("keep at least the next 3 months ready");
        ownTablesPurge.ifPresent(f -> {
            if (!FUNCTION.matcher(f).matches()) throw new IllegalArgumentException("not a schema's function: " + f);
        });
        this.pool = pool;
        this.monthsAhead = monthsAhead;
        this.retention = retention;
        this.ownTablesPurge = ownTablesPurge;
    }

    public Uni<Report> run() {
        return names("SELECT event_store.ensure_partitions($1) AS name", Tuple.of(monthsAhead))
                .chain(created -> names("SELECT event_store.detach_expired_partitions($1) AS name",
                                Tuple.of(new Interval(retention.getYears(), retention.getMonths(), retention.getDays())))
                        .chain(detached -> pool.preparedQuery("SELECT event_store.purge_idempotency_keys('1 day') AS n,"
                                        + " event_store.purge_processed_messages('8 days') AS m,"
                                        + " event_store.purge_security_audit_log('3 years') AS a,"
                                        + " event_store.purge_data_processing_log('3 years') AS d")
                                .execute().map(rows -> rows.iterator().next().getLong("n"))
                                .chain(keys -> ownRowsPurged().map(own -> new Report(created, detached, keys, own)))));
    }

    private Uni<Long> ownRowsPurged() {
        if (ownTablesPurge.isEmpty()) return Uni.createFrom().item(0L);
        return pool.query("SELECT " + ownTablesPurge.get() + "() AS n").execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    private Uni<List<String>> names(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<String> names = new ArrayList<>();
            for (Row row : rows) names.add(row.getString("name"));
            return names;
        });
    }
}

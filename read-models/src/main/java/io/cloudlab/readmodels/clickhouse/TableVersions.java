package io.cloudlab.readmodels.clickhouse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The pointer of a projection: which table versions exist for one event store, which one serves reads and
 * which one a rebuild is filling ({@code projection_versions}).
 *
 * <p>Keyed by the store (PostgreSQL database name and oid) because a version is filled from one store's events
 * with a checkpoint in that store: environments sharing one ClickHouse database (the system test's database
 * beside the platform's) each get versions of their own and never switch or drop each other's tables.
 * Version numbers are allocated across stores, so two stores never share a table.
 */
final class TableVersions {

    static final String BUILDING = "building";
    static final String SERVING = "serving";
    static final String RETIRED = "retired";
    static final String DROPPED = "dropped";

    /** One table version and the subscription that fills it. */
    record Version(int version, String status, String subscription, long changeMs) {}

    private final ClickHouse clickhouse;
    private final String projection;
    private final String store;

    TableVersions(ClickHouse clickhouse, String projection, String store) {
        this.clickhouse = clickhouse;
        this.projection = projection;
        this.store = store;
    }

    /** This store's versions that still have tables. */
    Uni<List<Version>> live() {
        return clickhouse.select("SELECT version, toString(status) AS status, subscription, change_ms"
                        + " FROM projection_versions FINAL WHERE projection = " + ClickHouse.literal(projection)
                        + " AND store = " + ClickHouse.literal(store) + " AND status != 'dropped' ORDER BY version")
                .map(rows -> rows.stream().map(r -> new Version(r.getInteger("version"), r.getString("status"),
                        r.getString("subscription"), r.getLong("change_ms"))).toList());
    }

    /** The next version number, above every store's. */
    Uni<Integer> next() {
        return clickhouse.select("SELECT max(version) AS last FROM projection_versions WHERE projection = "
                + ClickHouse.literal(projection)).map(rows -> rows.isEmpty() ? 1 : rows.get(0).getInteger("last") + 1);
    }

    /**
     * Records new statuses in one INSERT, i.e. one block, which ClickHouse writes atomically: a switch-over (the
     * new version serving, the old one retired) is never seen half done.
     */
    Uni<Void> put(List<Version> changes) {
        long now = System.currentTimeMillis();
        return clickhouse.insert("projection_versions", changes.stream().map(v -> new JsonObject()
                .put("projection", projection).put("store", store).put("version", v.version())
                .put("status", v.status()).put("subscription", v.subscription())
                .put("changed_at", Instant.ofEpochMilli(now).toString()).put("change_ms", now)).toList());
    }

    /** A subscription name no other version, store or ClickHouse database ever had: its checkpoint starts empty. */
    String subscriptionFor(int version) {
        return "facts." + projection + "." + clickhouse.database() + ".v" + version + "."
                + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    }
}

package io.cloudlab.readmodels.clickhouse;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The engine's own tables, beside the facts in the same database: which migrations ran, which table versions
 * exist and which one serves, and the parked events. They are created here rather than by a projection's
 * migrations because every projection shares them and none may change them.
 *
 * <p>All three are ReplacingMergeTree keyed by what identifies a row, with a version column that grows with
 * every change, and are read with FINAL: a row is never updated in place (ClickHouse has no transactions and
 * mutations are asynchronous), a change is a newer row under the same key.
 */
final class Bookkeeping {

    static final String SCHEMA_MIGRATIONS = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                projection     String   COMMENT 'Projection whose migrations these are, e.g. order-analytics',
                table_version  UInt32   COMMENT 'Version of the projection tables the migration was applied to',
                version        UInt32   COMMENT 'Migration number, the n of V<n>__<what>.sql',
                description    String   COMMENT 'The <what> of the file name',
                checksum       String   COMMENT 'SHA-256 of the file as applied; a changed file is refused',
                applied_at     DateTime COMMENT 'When it ran'
            ) ENGINE = ReplacingMergeTree ORDER BY (projection, table_version, version)""";

    static final String PROJECTION_VERSIONS = """
            CREATE TABLE IF NOT EXISTS projection_versions (
                projection     String   COMMENT 'Projection name',
                store          String   COMMENT 'Event store the version is fed from: PostgreSQL database name and oid',
                version        UInt32   COMMENT 'Table version: its tables are named <table>_v<version>',
                status         Enum8('building' = 1, 'serving' = 2, 'retired' = 3, 'dropped' = 4)
                               COMMENT 'building: filled by a rebuild; serving: read by queries; retired: switched away from',
                subscription   String   COMMENT 'Name of the event-store subscription that fills it (and keys its checkpoint)',
                changed_at     DateTime COMMENT 'When the status last changed',
                change_ms      UInt64   COMMENT 'Milliseconds of the change: the newest row of a version wins'
            ) ENGINE = ReplacingMergeTree(change_ms) ORDER BY (projection, store, version)""";

    static final String PARKED_EVENTS = """
            CREATE TABLE IF NOT EXISTS parked_events (
                projection     String   COMMENT 'Projection name',
                store          String   COMMENT 'Event store the event is from',
                version        UInt32   COMMENT 'Table version the event was to be projected into',
                document       String   COMMENT 'Aggregate the event belongs to: its later events wait behind it',
                transaction_id UInt64   COMMENT 'Transaction id of the event (delivery order, with position)',
                position       UInt64   COMMENT 'Store position of the event',
                event_id       UUID     COMMENT 'The event',
                event_type     String   COMMENT 'Its type',
                aggregate_id   UUID     COMMENT 'Its aggregate',
                tenant_id      UUID     COMMENT 'Its tenant',
                error          String   COMMENT 'Why the fact mapping failed, or which parked event it waits behind',
                state          Enum8('parked' = 1, 'waiting' = 2, 'retried' = 3, 'skipped' = 4)
                               COMMENT 'parked: mapping failed; waiting: behind a parked event; retried/skipped: resolved',
                parked_at      DateTime COMMENT 'When it was parked',
                change_ms      UInt64   COMMENT 'Milliseconds of the last change: the newest row of an event wins'
            ) ENGINE = ReplacingMergeTree(change_ms) ORDER BY (projection, store, version, document, transaction_id, position)""";

    private Bookkeeping() {}

    /** Creates the database and the engine's tables unless they exist (every statement is idempotent). */
    static Uni<Void> ensure(ClickHouse clickhouse) {
        Uni<Void> chain = clickhouse.createDatabase();
        for (String ddl : List.of(SCHEMA_MIGRATIONS, PROJECTION_VERSIONS, PARKED_EVENTS)) {
            chain = chain.chain(() -> clickhouse.execute(ddl));
        }
        return chain;
    }
}

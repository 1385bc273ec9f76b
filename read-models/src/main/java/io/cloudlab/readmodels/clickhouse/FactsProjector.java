package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.quarkus.Subscriptions;
import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.readmodels.projection.AuditProgress;
import io.cloudlab.readmodels.projection.AuditReport;
import io.cloudlab.readmodels.projection.Backlog;
import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ParkedEvent;
import io.cloudlab.readmodels.projection.ProjectionState;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.projection.StoreReader;
import io.cloudlab.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs one {@link FactsDefinition} in ClickHouse and makes it operable.
 *
 * <p>Every instance of the service runs a subscription per live table version (the serving one and, during a
 * rebuild, the one being filled); the store's advisory lock lets exactly one of them insert, the others stand
 * by. Which versions live is in {@code projection_versions}, so a rebuild asked of any instance reaches all of
 * them at their next {@link #reconcile()}. The instance that sees the new version caught up switches readers
 * over; retired tables are dropped a few seconds later, once every reader has moved on.
 */
public final class FactsProjector implements OperableProjection {

    private static final Logger LOG = Logger.getLogger(FactsProjector.class);
    /** Readers pick the serving version up within a monitor interval; old tables outlive the switch by more. */
    private static final Duration DROP_AFTER_SWITCH = Duration.ofSeconds(5);

    private final FactsDefinition definition;
    private final ClickHouse clickhouse;
    private final Subscriptions subscriptions;
    private final Backlog backlog;
    private final StoreReader reader;
    private final Pool pool;
    private final ProjectionsConfig config;
    private final String store;
    private final TableVersions versions;
    private final ClickHouseMigrations migrations;
    private final Map<String, Running> running = new HashMap<>();
    private final Set<Integer> migrated = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean bookkept;
    private volatile TableVersions.Version serving;
    private volatile TableVersions.Version building;
    private volatile RuntimeException refused;
    /** Why the last reconcile failed (ClickHouse down, mostly); null once one succeeds again. */
    private volatile Throwable unreachable;
    private final java.util.concurrent.atomic.AtomicBoolean reconciling = new java.util.concurrent.atomic.AtomicBoolean();

    private record Running(int version, SubscriptionRunner runner) {}

    /** The serving tables of one moment: a query takes one and names every table through it, never mixing versions. */
    public record Tables(int version) {
        public String of(String table) {
            return ClickHouse.identifier(table) + "_v" + version;
        }
    }

    FactsProjector(FactsDefinition definition, ClickHouse clickhouse, Subscriptions subscriptions, Backlog backlog,
            StoreReader reader, Pool pool, ProjectionsConfig config, String store) {
        this.definition = definition;
        this.clickhouse = clickhouse;
        this.subscriptions = subscriptions;
        this.backlog = backlog;
        this.reader = reader;
        this.pool = pool;
        this.config = config;
        this.store = store;
        this.versions = new TableVersions(clickhouse, definition.name(), store);
        this.migrations = new ClickHouseMigrations(clickhouse, definition.name(), definition.migrations());
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String sink() {
        return "clickhouse";
    }

    /**
     * The tables queries read now. Fails with a 503 problem while the projection has never reached ClickHouse
     * (it is down, or a changed migration was refused): analytics are unavailable, nothing else is.
     */
    public Tables tables() {
        if (refused != null) throw unavailable(refused.getMessage());
        TableVersions.Version current = serving;
        if (current == null) throw unavailable("the " + name() + " tables are not reachable yet");
        return new Tables(current.version());
    }

    /**
     * Retention: drops every partition of this projection's fact tables (every version) whose newest row is older
     * than {@code cutoff}. A partition holds a span of event time ({@link FactsDefinition}), so it passes retention
     * whole; one whose time range ClickHouse does not know (max_time zero) is kept. Answers what was dropped, as
     * {@code table/partition_id}. Dropping is idempotent, so instances need no coordination.
     */
    public Uni<List<String>> dropPartitionsBefore(java.time.Instant cutoff) {
        String tables = definition.tables().stream().map(t -> ClickHouse.identifier(t.name())).collect(Collectors.joining("|"));
        return clickhouse.select("SELECT table, partition_id FROM system.parts"
                        + " WHERE active AND database = " + ClickHouse.literal(clickhouse.database())
                        + " AND match(table, " + ClickHouse.literal("^(" + tables + ")_v[0-9]+$") + ")"
                        + " GROUP BY table, partition_id"
                        + " HAVING toUInt32(max(max_time)) > 0 AND toUInt32(max(max_time)) < " + cutoff.getEpochSecond()
                        + " ORDER BY table, partition_id")
                .onItem().transformToUni(partitions -> {
                    List<String> dropped = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (JsonObject p : partitions) {
                        String table = p.getString("table");
                        String partition = p.getString("partition_id");
                        chain = chain.chain(() -> clickhouse.execute("ALTER TABLE " + ClickHouse.identifier(table)
                                + " DROP PARTITION ID " + ClickHouse.literal(partition)))
                                .invoke(() -> dropped.add(table + "/" + partition));
                    }
                    return chain.map(done -> {
                        if (!dropped.isEmpty()) LOG.infof("projection %s: dropped partitions past retention: %s", name(), dropped);
                        return dropped;
                    });
                });
    }

    /**
     * Rewrites rows of one fact table in every version (a ClickHouse mutation, {@code ALTER TABLE ... UPDATE}), for an
     * erasure: {@code assignments} and {@code where} are ClickHouse SQL the caller builds from literals. Answers once
     * ClickHouse has applied it (within {@code wait}) with the tables changed; fails otherwise, and running it again
     * is harmless. Key columns cannot be assigned.
     */
    public Uni<List<String>> updateEveryVersion(String table, String assignments, String where, Duration wait) {
        String pattern = "^" + ClickHouse.identifier(table) + "_v[0-9]+$";
        String inDatabase = " WHERE database = " + ClickHouse.literal(clickhouse.database())
                + " AND match(table, " + ClickHouse.literal(pattern) + ")";
        return clickhouse.select("SELECT name AS table FROM system.tables WHERE database = " + ClickHouse.literal(clickhouse.database())
                        + " AND match(name, " + ClickHouse.literal(pattern) + ") ORDER BY name")
                .onItem().transformToUni(found -> {
                    List<String> tables = found.stream().map(t -> t.getString("table")).toList();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String t : tables) {
                        chain = chain.chain(() -> clickhouse.execute("ALTER TABLE " + ClickHouse.identifier(t) + " UPDATE "
                                + assignments + " WHERE " + where));
                    }
                    long deadline = System.nanoTime() + wait.toNanos();
                    return chain.chain(() -> mutationsDone(inDatabase, deadline)).replaceWith(tables);
                });
    }

    private Uni<Void> mutationsDone(String inDatabase, long deadline) {
        return clickhouse.select("SELECT count() AS pending FROM system.mutations" + inDatabase + " AND is_done = 0")
                .chain(rows -> {
                    if (Long.parseLong(String.valueOf(rows.get(0).getValue("pending"))) == 0) return Uni.createFrom().voidItem();
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom().failure(new IllegalStateException("ClickHouse has not finished rewriting "
                                + name() + " yet; run it again"));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                            .chain(() -> mutationsDone(inDatabase, deadline));
                });
    }

    /** A 503 problem for a failed ClickHouse call, so callers answer "analytics unavailable", never a 500. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(io.cloudlab.support.problem.Problem.of(503, "analytics-unavailable",
                "Analytics unavailable", detail));
    }

    /**
     * Creates the bookkeeping and the first version when missing, migrates live versions, starts and stops
     * subscriptions to match them, switches a caught-up rebuild over and drops retired tables.
     */
    Uni<Void> reconcile() {
        if (refused != null || !reconciling.compareAndSet(false, true)) return Uni.createFrom().voidItem();
        return reconcileNow()
                .invoke(() -> unreachable = null)
                .onFailure().invoke(failure -> unreachable = failure)
                .eventually(() -> reconciling.set(false));
    }

    private Uni<Void> reconcileNow() {
        Uni<Void> ready = bookkept ? Uni.createFrom().voidItem()
                : Bookkeeping.ensure(clickhouse).invoke(() -> bookkept = true);
        return ready.chain(versions::live).chain(live -> {
            if (live.stream().noneMatch(v -> TableVersions.SERVING.equals(v.status()))) {
                return versions.next().chain(first -> versions.put(List.of(new TableVersions.Version(first,
                        TableVersions.SERVING, versions.subscriptionFor(first), 0)))).chain(versions::live);
            }
            return Uni.createFrom().item(live);
        }).chain(live -> {
            TableVersions.Version current = live.stream().filter(v -> TableVersions.SERVING.equals(v.status()))
                    .reduce((a, b) -> b).orElseThrow();
            TableVersions.Version next = live.stream().filter(v -> TableVersions.BUILDING.equals(v.status()))
                    .reduce((a, b) -> b).orElse(null);
            List<TableVersions.Version> filled = next == null ? List.of(current) : List.of(current, next);
            return migrate(filled).invoke(() -> {
                serving = current;
                building = next;
                subscribe(filled);
            }).chain(() -> next == null ? Uni.createFrom().voidItem() : switchIfCaughtUp(current, next))
                    .chain(() -> dropRetired(live));
        }).onFailure(ClickHouseMigrations.ChangedMigration.class).invoke(changed -> {
            refused = (RuntimeException) changed;
            LOG.errorf("projection %s stopped: %s", name(), changed.getMessage());
        }).onFailure(ClickHouseMigrations.ChangedMigration.class).recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> migrate(List<TableVersions.Version> filled) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TableVersions.Version v : filled) {
            if (migrated.contains(v.version())) continue;
            chain = chain.chain(() -> migrations.migrate(v.version()).invoke(() -> migrated.add(v.version())));
        }
        return chain;
    }

    private void subscribe(List<TableVersions.Version> filled) {
        if (!config.enabled()) return;
        Set<String> wanted = filled.stream().map(TableVersions.Version::subscription).collect(Collectors.toSet());
        synchronized (running) {
            running.entrySet().removeIf(entry -> {
                if (wanted.contains(entry.getKey())) return false;
                entry.getValue().runner().stop().subscribe().with(x -> {}, f -> {});
                LOG.infof("projection %s: stopped version %d", name(), entry.getValue().version());
                return true;
            });
            for (TableVersions.Version v : filled) {
                if (running.containsKey(v.subscription())) continue;
                FactsWriter writer = new FactsWriter(definition, clickhouse, parking(v.version()), v.version());
                SubscriptionOptions options = SubscriptionOptions.named(v.subscription(), definition.filter())
                        .batchSize(config.batchSize()).pollInterval(Duration.ofMillis(250))
                        .linger(config.analyticsLinger());
                SubscriptionRunner runner = subscriptions.runner(options, writer::apply);
                running.put(v.subscription(), new Running(v.version(), runner));
                runner.start();
                LOG.infof("projection %s: version %d subscribed as %s", name(), v.version(), v.subscription());
            }
        }
    }

    private Uni<Void> switchIfCaughtUp(TableVersions.Version current, TableVersions.Version next) {
        return checkpoint(next.subscription()).chain(checkpoint -> backlog.behind(checkpoint, definition.filter()))
                .chain(lag -> {
                    if (lag.events() > 0) return Uni.createFrom().voidItem();
                    LOG.infof("projection %s: version %d caught up and serves now; version %d retires",
                            name(), next.version(), current.version());
                    return versions.put(List.of(
                            new TableVersions.Version(next.version(), TableVersions.SERVING, next.subscription(), 0),
                            new TableVersions.Version(current.version(), TableVersions.RETIRED, current.subscription(), 0)));
                });
    }

    private Uni<Void> dropRetired(List<TableVersions.Version> live) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TableVersions.Version v : live) {
            if (!TableVersions.RETIRED.equals(v.status())
                    || System.currentTimeMillis() - v.changeMs() < DROP_AFTER_SWITCH.toMillis()) continue;
            for (FactsDefinition.FactTable table : definition.tables()) {
                chain = chain.chain(() -> clickhouse.execute("DROP TABLE IF EXISTS " + table.name() + "_v" + v.version()));
            }
            chain = chain.chain(() -> versions.put(List.of(new TableVersions.Version(v.version(), TableVersions.DROPPED,
                    v.subscription(), 0)))).invoke(() -> LOG.infof("projection %s: version %d dropped", name(), v.version()));
        }
        return chain;
    }

    void stop() {
        synchronized (running) {
            running.values().forEach(r -> r.runner().stop().await().atMost(Duration.ofSeconds(5)));
            running.clear();
        }
    }

    /**
     * Fails while ClickHouse is unreachable rather than reporting a lag that only grows: the monitor then shows
     * the projection as not measured, and readiness stays UP (analytics answer 503, orders go on). A lag from a
     * slow but working projection is reported as usual.
     */
    @Override
    public Uni<ProjectionState> state() {
        TableVersions.Version current = serving;
        if (refused != null) return Uni.createFrom().failure(unavailable(refused.getMessage()));
        if (current == null || unreachable != null) {
            return Uni.createFrom().failure(unavailable("ClickHouse is not reachable for " + name()
                    + (unreachable == null ? "" : ": " + unreachable.getMessage())));
        }
        TableVersions.Version next = building;
        // A rebuild's progress: the events the version being built has still to apply.
        Uni<Long> buildingLag = next == null ? Uni.createFrom().nullItem()
                : checkpoint(next.subscription()).chain(c -> backlog.behind(c, definition.filter())).map(l -> l.events());
        return checkpoint(current.subscription()).chain(checkpoint -> backlog.behind(checkpoint, definition.filter())
                .chain(lag -> parking(current.version()).count().chain(parked -> buildingLag.map(buildingEvents -> {
                    Running r;
                    synchronized (running) {
                        r = running.get(current.subscription());
                    }
                    return new ProjectionState(name(), sink(), current.version(), next == null ? null : next.version(),
                            checkpoint.text(), lag.events(), lag.age().toMillis() / 1000.0, parked,
                            r != null && r.runner().isActive(), buildingEvents, null);
                }))));
    }

    @Override
    public Uni<Integer> rebuild() {
        TableVersions.Version next = building;
        if (next != null) return Uni.createFrom().item(next.version());
        return versions.next().chain(version -> versions.put(List.of(new TableVersions.Version(version,
                        TableVersions.BUILDING, versions.subscriptionFor(version), 0))).replaceWith(version))
                .call(version -> {
                    LOG.infof("projection %s: rebuild into version %d requested", name(), version);
                    return reconcile();
                });
    }

    @Override
    public Uni<AuditReport> audit(int samplePercent, AuditProgress progress) {
        Tables tables = tables();
        TableVersions.Version current = serving;
        return guarded(checkpoint(current.subscription()).chain(checkpoint -> parking(tables.version()).known()
                .chain(known -> new FactsAudit(definition, clickhouse, reader, progress)
                        .run(tables.version(), checkpoint, known.blockedDocuments(), samplePercent))));
    }

    @Override
    public Uni<List<ParkedEvent>> parked() {
        return guarded(parking(tables().version()).list());
    }

    @Override
    public Uni<Integer> retryParked(String document) {
        return guarded(resolve(document, false));
    }

    @Override
    public Uni<Integer> skipParked(String document) {
        return guarded(resolve(document, true));
    }

    /**
     * Maps the document's parked events again in their order, read back from the store (the parked table holds no
     * payload: events carry personal data that must not be copied into ClickHouse). The first that still fails
     * stays parked with its new error, and the rest keep waiting behind it. Inserting their rows is harmless even
     * if the running subscription inserted some meanwhile: rows are deduplicated by event id.
     */
    private Uni<Integer> resolve(String document, boolean skipFirst) {
        int version = tables().version();
        Parking parking = parking(version);
        return parking.unresolved(document).chain(stored -> {
            if (stored.isEmpty()) return Uni.createFrom().failure(ProblemException.notFound("parked events of " + document));
            List<JsonObject> rest = skipFirst ? stored.subList(1, stored.size()) : stored;
            List<JsonObject> changes = new ArrayList<>();
            if (skipFirst) changes.add(Parking.changed(parking.keyed(stored.get(0)), Parking.SKIPPED, stored.get(0).getString("error")));
            return reread(rest).chain(events -> definition.mapperFor(events).chain(mapper -> {
                Map<String, List<JsonObject>> rows = new LinkedHashMap<>();
                java.time.Instant now = java.time.Instant.now();
                int i = 0;
                for (; i < events.size(); i++) {
                    try {
                        FactsWriter.add(rows, FactsWriter.mapped(mapper, events.get(i)), events.get(i), now);
                        changes.add(Parking.changed(parking.keyed(rest.get(i)), Parking.RETRIED, rest.get(i).getString("error")));
                    } catch (RuntimeException still) {
                        changes.add(Parking.changed(parking.keyed(rest.get(i)), Parking.PARKED, still.toString()));
                        break;
                    }
                }
                int left = i < events.size() ? events.size() - i : 0;
                return new FactsWriter(definition, clickhouse, parking, version).insert(rows)
                        .chain(() -> parking.put(changes)).replaceWith(left);
            }));
        });
    }

    /** The parked events themselves, from the store: each is the first event after the position before it. */
    private Uni<List<RecordedEvent>> reread(List<JsonObject> parked) {
        List<RecordedEvent> events = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JsonObject p : parked) {
            Checkpoint before = new Checkpoint(p.getLong("transaction_id"), p.getLong("position") - 1);
            chain = chain.chain(() -> reader.page(before, definition.filter(), 1).invoke(page -> {
                if (page.isEmpty() || !page.get(0).eventId().toString().equals(p.getString("event_id"))) {
                    throw new IllegalStateException("parked event " + p.getString("event_id") + " is not in the store");
                }
                events.add(page.get(0));
            }).replaceWithVoid());
        }
        return chain.replaceWith(events);
    }

    /** ClickHouse failing is "analytics unavailable" (503) to operators too, not an internal error. */
    private static <T> Uni<T> guarded(Uni<T> call) {
        return call.onFailure(ClickHouseException.class).transform(failure -> unavailable(failure.getMessage()));
    }

    private Parking parking(int version) {
        return new Parking(clickhouse, name(), store, version);
    }

    /** A version's checkpoint, kept in PostgreSQL by its subscription (the start when it has none yet). */
    private Uni<Checkpoint> checkpoint(String subscription) {
        return pool.preparedQuery("SELECT last_transaction_id::text::bigint AS txid, last_position"
                        + " FROM event_store.subscription_checkpoints WHERE subscription_name = $1")
                .execute(Tuple.of(subscription))
                .map(rows -> {
                    if (rows.size() == 0) return Checkpoint.START;
                    Row row = rows.iterator().next();
                    return new Checkpoint(row.getLong("txid"), row.getLong("last_position"));
                });
    }
}

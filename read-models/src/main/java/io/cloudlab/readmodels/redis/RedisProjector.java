package io.cloudlab.readmodels.redis;

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
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs one {@link DocumentProjection} in Redis and makes it operable.
 *
 * <p>Every instance of the service runs a subscription per live version (the serving one and, during a
 * rebuild, the one being filled); the store's advisory lock lets exactly one of them apply events, the others
 * stand by. Which versions live is in the projection's meta key, so an operator's rebuild reaches every
 * instance at its next {@link #reconcile()}; the instance that sees the new version caught up switches
 * readers over and drops the old version's keys.
 */
public final class RedisProjector implements OperableProjection {

    private static final Logger LOG = Logger.getLogger(RedisProjector.class);
    /** Readers keep the serving version for a second; the old keys outlive the switch by more than that. */
    private static final Duration DROP_AFTER_SWITCH = Duration.ofSeconds(3);

    private static final String SWITCH = """
            if redis.call('HGET', KEYS[1], 'building') ~= ARGV[1] then return nil end
            local old = redis.call('HGET', KEYS[1], 'current') or '1'
            redis.call('HSET', KEYS[1], 'current', ARGV[1])
            redis.call('HDEL', KEYS[1], 'building')
            return old
            """;
    private static final String START_REBUILD = """
            local building = redis.call('HGET', KEYS[1], 'building')
            if building then return building end
            local next = tonumber(redis.call('HGET', KEYS[1], 'current') or '1') + 1
            redis.call('HSET', KEYS[1], 'building', next)
            return tostring(next)
            """;

    private final DocumentProjection projection;
    private final ViewKeys keys;
    private final ReactiveRedisDataSource redis;
    private final Subscriptions subscriptions;
    private final Backlog backlog;
    private final StoreReader reader;
    private final ProjectionsConfig config;
    private final Timer applyDelay;
    private final Map<Integer, Running> running = new HashMap<>();

    private record Running(VersionWriter writer, SubscriptionRunner runner) {}

    RedisProjector(DocumentProjection projection, ViewKeys keys, ReactiveRedisDataSource redis,
            Subscriptions subscriptions, Backlog backlog, StoreReader reader, ProjectionsConfig config, Timer applyDelay) {
        this.projection = projection;
        this.keys = keys;
        this.redis = redis;
        this.subscriptions = subscriptions;
        this.backlog = backlog;
        this.reader = reader;
        this.config = config;
        this.applyDelay = applyDelay;
    }

    @Override
    public String name() {
        return projection.name();
    }

    @Override
    public String sink() {
        return "redis";
    }

    /** Starts and stops subscriptions to match the meta key, serves operators' requests, switches a caught-up rebuild. */
    Uni<Void> reconcile() {
        return meta().chain(meta -> {
            synchronized (running) {
                running.keySet().removeIf(version -> {
                    if (version == meta.current() || version.equals(meta.building())) return false;
                    running.get(version).runner().stop().subscribe().with(x -> {}, f -> {});
                    LOG.infof("projection %s: stopped version %d", name(), version);
                    return true;
                });
                ensureRunning(meta.current());
                if (meta.building() != null) ensureRunning(meta.building());
            }
            Uni<Void> requests = serveRequests(runningOf(meta.current()))
                    .chain(() -> meta.building() == null ? Uni.createFrom().voidItem() : serveRequests(runningOf(meta.building())));
            return requests.chain(() -> meta.building() == null ? Uni.createFrom().voidItem() : switchIfCaughtUp(meta.building()));
        });
    }

    private void ensureRunning(int version) {
        if (running.containsKey(version)) return;
        VersionWriter writer = new VersionWriter(projection, keys, version, redis, 3, applyDelay);
        SubscriptionOptions options = SubscriptionOptions.named("projection." + keys.base() + ".v" + version, projection.filter())
                .batchSize(config.batchSize()).pollInterval(Duration.ofMillis(250))
                .checkpointKeptByHandler(writer::resume);
        SubscriptionRunner runner = subscriptions.runner(options, writer::apply);
        running.put(version, new Running(writer, runner));
        runner.start();
        LOG.infof("projection %s: version %d subscribed", name(), version);
    }

    /** Requests are served by the instance applying the version's events: only it may write its documents. */
    private static Uni<Void> serveRequests(Running version) {
        return version != null && version.runner().isActive() ? version.writer().serveRequests() : Uni.createFrom().voidItem();
    }

    private Running runningOf(int version) {
        synchronized (running) {
            return running.get(version);
        }
    }

    private Uni<Void> switchIfCaughtUp(int building) {
        return checkpoint(building).chain(checkpoint -> backlog.behind(checkpoint, projection.filter())).chain(lag -> {
            if (lag.events() > 0) return Uni.createFrom().voidItem();
            return redis.execute("EVAL", SWITCH, "1", keys.meta(), Integer.toString(building)).chain(old -> {
                if (old == null) return Uni.createFrom().voidItem();
                int previous = Integer.parseInt(old.toString());
                LOG.infof("projection %s: version %d caught up and serves now; version %d is dropped", name(), building, previous);
                return Uni.createFrom().voidItem().onItem().delayIt().by(DROP_AFTER_SWITCH)
                        .chain(() -> drop(keys.version(previous).prefix()));
            });
        });
    }

    /** Deletes every key under a prefix, a page at a time, without blocking Redis (UNLINK frees in the background). */
    private Uni<Void> drop(String prefix) {
        return dropFrom("0", prefix);
    }

    private Uni<Void> dropFrom(String cursor, String prefix) {
        return redis.execute("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000").chain(page -> {
            String next = page.get(0).toString();
            String[] found = new String[page.get(1).size()];
            for (int i = 0; i < found.length; i++) found[i] = page.get(1).get(i).toString();
            Uni<Void> unlink = found.length == 0 ? Uni.createFrom().voidItem() : redis.execute("UNLINK", found).replaceWithVoid();
            return unlink.chain(() -> "0".equals(next) ? Uni.createFrom().voidItem() : dropFrom(next, prefix));
        });
    }

    void stop() {
        synchronized (running) {
            running.values().forEach(r -> r.runner().stop().await().atMost(Duration.ofSeconds(5)));
            running.clear();
        }
    }

    @Override
    public Uni<ProjectionState> state() {
        return meta().chain(meta -> checkpoint(meta.current()).chain(checkpoint -> backlog.behind(checkpoint, projection.filter())
                .chain(lag -> redis.execute("HLEN", keys.version(meta.current()).parked()).chain(parked -> buildingLag(meta.building())
                        .map(building -> {
                            Running serving = runningOf(meta.current());
                            return new ProjectionState(name(), sink(), meta.current(), meta.building(), checkpoint.text(),
                                    lag.events(), lag.age().toMillis() / 1000.0, parked.toLong(),
                                    serving != null && serving.runner().isActive(), building, null);
                        })))));
    }

    /** A rebuild's progress: the events its version has still to apply; null when none is being built. */
    private Uni<Long> buildingLag(Integer building) {
        if (building == null) return Uni.createFrom().nullItem();
        return checkpoint(building).chain(checkpoint -> backlog.behind(checkpoint, projection.filter())).map(lag -> lag.events());
    }

    @Override
    public Uni<Integer> rebuild() {
        return redis.execute("EVAL", START_REBUILD, "1", keys.meta()).map(r -> Integer.parseInt(r.toString()))
                .call(version -> {
                    LOG.infof("projection %s: rebuild into version %d requested", name(), version);
                    return reconcile();
                });
    }

    @Override
    public Uni<AuditReport> audit(int samplePercent, AuditProgress progress) {
        return meta().chain(meta -> new DocumentAudit(projection, keys, meta.current(), redis, reader, progress).run(samplePercent));
    }

    @Override
    public Uni<List<ParkedEvent>> parked() {
        return meta().chain(meta -> redis.hash(String.class).hvals(keys.version(meta.current()).parked()))
                .map(values -> values.stream().map(ParkedCodec::view)
                        .sorted(Comparator.comparingLong(ParkedEvent::position)).toList());
    }

    @Override
    public Uni<Integer> retryParked(String document) {
        return ask(document, "retry");
    }

    @Override
    public Uni<Integer> skipParked(String document) {
        return ask(document, "skip");
    }

    /**
     * Leaves the request for the instance that applies events (only it may write documents) and waits until it
     * has been served, then answers how many of the document's events are still parked.
     */
    private Uni<Integer> ask(String document, String what) {
        return meta().chain(meta -> {
            ViewKeys.Version version = keys.version(meta.current());
            return redis.execute("SISMEMBER", version.parkedDocuments(), document).chain(member -> {
                if (member.toInteger() == 0) {
                    throw io.cloudlab.support.problem.ProblemException.notFound("parked events of " + document);
                }
                return redis.execute("HSET", version.requests(), document, what)
                        .chain(() -> served(version, document, System.nanoTime() + Duration.ofSeconds(10).toNanos()))
                        .chain(() -> redis.hash(String.class).hvals(version.parked()))
                        .map(values -> (int) values.stream().filter(v -> document.equals(ParkedCodec.document(v))).count());
            });
        });
    }

    /** A document as the serving version holds it in Redis (null when it has none): for operators' eyes. */
    public Uni<String> document(String document) {
        return meta().chain(meta -> redis.execute("GET", keys.version(meta.current()).document(document)))
                .map(r -> r == null ? null : r.toString());
    }

    /**
     * Rewrites documents without their subject's personal data ({@link DocumentProjection#withoutPersonalData}), in
     * every live version, after the subject's key was shredded: left to the instances applying events, and awaited.
     * Fails when no instance served the request within the wait; it stays queued, and asking again is harmless.
     */
    public Uni<Void> erasePersonalData(List<String> documents) {
        if (documents.isEmpty()) return Uni.createFrom().voidItem();
        return meta().chain(meta -> {
            List<ViewKeys.Version> versions = new java.util.ArrayList<>(List.of(keys.version(meta.current())));
            if (meta.building() != null) versions.add(keys.version(meta.building()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ViewKeys.Version version : versions) {
                for (String document : documents) {
                    all = all.chain(() -> redis.execute("HSET", version.requests(), document, "erase").replaceWithVoid());
                }
            }
            for (ViewKeys.Version version : versions) {
                for (String document : documents) all = all.chain(() -> served(version, document, deadline));
            }
            return all;
        });
    }

    private Uni<Void> served(ViewKeys.Version version, String document, long deadline) {
        return redis.execute("HEXISTS", version.requests(), document).chain(pending -> {
            if (pending.toInteger() == 0) return Uni.createFrom().voidItem();
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().failure(new IllegalStateException("no instance applying " + name()
                        + " has served the request yet; it stays queued"));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50))
                    .chain(() -> served(version, document, deadline));
        });
    }

    private Uni<Checkpoint> checkpoint(int version) {
        return redis.execute("GET", keys.version(version).checkpoint())
                .map(r -> Checkpoint.parse(r == null ? null : r.toString()));
    }

    private record Meta(int current, Integer building) {}

    private Uni<Meta> meta() {
        return redis.hash(String.class).hgetall(keys.meta()).map(m -> new Meta(
                m.containsKey("current") ? Integer.parseInt(m.get("current")) : 1,
                m.containsKey("building") ? Integer.valueOf(m.get("building")) : null));
    }
}

package io.cloudlab.readmodels.redis;

import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;

/**
 * The storefront's reads of Redis views, in seed 004's tiers: a small in-process cache (a second at most),
 * then Redis behind {@link RedisCircuit}, then the caller's own PostgreSQL read when Redis is down, does not
 * have the document yet, or has not caught up with what the caller asks for. Each answer says which tier gave
 * it ({@link Tier}).
 *
 * <p>Which version of a projection serves is read from its meta key and kept for a second, so a switch-over
 * after a rebuild reaches every reader within a second; one read never mixes versions.
 */
@ApplicationScoped
public class RedisViews {

    private static final Logger LOG = Logger.getLogger(RedisViews.class);
    private static final Duration POINTER_TTL = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 5;

    private final ReactiveRedisDataSource redis;
    private final RedisCircuit circuit;
    private final StoreIdentity store;
    private final ProjectionsConfig config;
    private final CaffeineCache local;
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();

    private record Pointer(ViewKeys.Version version, long readAt) {}

    RedisViews(ReactiveRedisDataSource redis, RedisCircuit circuit, StoreIdentity store, ProjectionsConfig config,
            @CacheName("read-models") Cache local) {
        this.redis = redis;
        this.circuit = circuit;
        this.store = store;
        this.config = config;
        this.local = local.as(CaffeineCache.class);
    }

    /**
     * One document through the tiers.
     *
     * @param version      a document's stream version
     * @param atLeast      read-your-writes: the version the caller must see (0: any). A document in memory that is
     *                     older is skipped; one in Redis that is older, or missing while the caller holds a version of
     *                     it, is polled for until {@code cloudlab.projections.redis.read-your-writes-wait}, then
     *                     PostgreSQL answers
     * @param fromPostgres the authoritative read, used when Redis cannot answer
     */
    public <T> Uni<Tiered<T>> document(String projection, String document, Function<String, T> decode,
            ToIntFunction<T> version, int atLeast, Supplier<Uni<T>> fromPostgres) {
        long deadline = System.nanoTime() + config.redis().readYourWritesWait().toNanos();
        Predicate<T> fresh = value -> value != null && version.applyAsInt(value) >= atLeast;
        // The pointer and the first GET are one call through the breaker: the breaker's own bookkeeping is a large
        // share of a Redis read's CPU (JFR), so the common read pays it once; only polls for freshness pay again.
        return circuit.call(() -> serving(projection).chain(serving -> {
                    String key = serving.document(document);
                    T remembered = remembered(key);
                    if (fresh.test(remembered)) return Uni.createFrom().item(new Look<>(key, remembered, Tier.MEMORY));
                    return redis.execute("GET", key).map(r -> new Look<>(key, r == null ? null : decode.apply(r.toString()), Tier.REDIS));
                }))
                .chain(look -> {
                    if (look.tier() == Tier.MEMORY) return Uni.createFrom().item(new Tiered<>(look.value(), Tier.MEMORY));
                    // Missing and nobody waits for it: it may not exist at all, which only PostgreSQL can say.
                    if (look.value() == null && atLeast == 0) return Uni.createFrom().<Tiered<T>>nullItem();
                    Uni<T> found = fresh.test(look.value()) ? Uni.createFrom().item(look.value())
                            : untilFresh(look.key(), decode, fresh, deadline);
                    return found.map(value -> {
                        if (value == null) return null;
                        local.put(look.key(), CompletableFuture.completedFuture(value));
                        return new Tiered<>(value, Tier.REDIS);
                    });
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("redis read of %s/%s failed, reading PostgreSQL: %s", projection, document, failure);
                    return null;
                })
                .chain(answer -> answer != null ? Uni.createFrom().item(answer)
                        : fromPostgres.get().map(value -> new Tiered<>(value, Tier.POSTGRES)));
    }

    /** What the first look found: the document's key, its value (null: Redis has none) and where it was. */
    private record Look<T>(String key, T value, Tier tier) {}

    /**
     * Any read of a projection's current version (a page of an index, several documents), through the breaker,
     * with PostgreSQL answering when it fails or when {@code fromRedis} answers null.
     */
    public <T> Uni<Tiered<T>> query(String projection, Function<Reader, Uni<T>> fromRedis, Supplier<Uni<T>> fromPostgres) {
        return circuit.call(() -> serving(projection).chain(version -> fromRedis.apply(new Reader(version))))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf(failure, "redis query of %s failed, reading PostgreSQL", projection);
                    return null;
                })
                .chain(found -> found != null ? Uni.createFrom().item(new Tiered<>(found, Tier.REDIS))
                        : fromPostgres.get().map(value -> new Tiered<>(value, Tier.POSTGRES)));
    }

    /** Reads within one version of a projection. */
    public final class Reader {
        private final ViewKeys.Version version;

        Reader(ViewKeys.Version version) {
            this.version = version;
        }

        public Uni<String> document(String document) {
            return redis.execute("GET", version.document(document)).map(r -> r == null ? null : r.toString());
        }

        /** The documents' JSON in the order asked, null where a document does not exist. */
        public Uni<List<String>> documents(List<String> documents) {
            if (documents.isEmpty()) return Uni.createFrom().item(List.of());
            String[] keys = documents.stream().map(version::document).toArray(String[]::new);
            return redis.execute("MGET", keys).map(r -> {
                List<String> found = new ArrayList<>(documents.size());
                for (Response item : r) found.add(item == null ? null : item.toString());
                return found;
            });
        }

        /**
         * Members of an index from the highest score down, starting at {@code maxScore} (inclusive), at most
         * {@code count}; equal scores come in descending member order.
         */
        public Uni<List<Scored>> descending(String index, double maxScore, int count) {
            return redis.execute("ZREVRANGEBYSCORE", version.index(index), maxScore == Double.POSITIVE_INFINITY ? "+inf"
                            : Double.toString(maxScore), "-inf", "WITHSCORES", "LIMIT", "0", Integer.toString(count))
                    .map(RedisViews::scored);
        }
    }

    /** RESP2 answers WITHSCORES as one flat list, RESP3 as [member, score] pairs; either is read. */
    private static List<Scored> scored(Response reply) {
        List<Scored> members = new ArrayList<>();
        if (reply.size() > 0 && reply.get(0).type() == io.vertx.redis.client.ResponseType.MULTI) {
            for (Response pair : reply) members.add(new Scored(pair.get(0).toString(), pair.get(1).toDouble()));
            return members;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            members.add(new Scored(reply.get(i).toString(), Double.parseDouble(reply.get(i + 1).toString())));
        }
        return members;
    }

    /** An index member with its score. */
    public record Scored(String member, double score) {}

    /**
     * Reads again every few milliseconds until the document is fresh enough or the deadline passes (then null).
     * Each GET goes through the breaker on its own: a wait for freshness is many short reads, not one long one.
     */
    private <T> Uni<T> untilFresh(String key, Function<String, T> decode, Predicate<T> fresh, long deadline) {
        if (System.nanoTime() > deadline) return Uni.createFrom().nullItem();
        return Uni.createFrom().nullItem().onItem().delayIt().by(Duration.ofMillis(POLL_MILLIS))
                .chain(() -> circuit.call(() -> redis.execute("GET", key)))
                .chain(r -> {
                    T value = r == null ? null : decode.apply(r.toString());
                    return fresh.test(value) ? Uni.createFrom().item(value) : untilFresh(key, decode, fresh, deadline);
                });
    }

    @SuppressWarnings("unchecked")
    private <T> T remembered(String key) {
        CompletableFuture<Object> found = local.getIfPresent(key);
        return found == null ? null : (T) found.getNow(null);
    }

    /** The version readers read now, known for at most a second. */
    Uni<ViewKeys.Version> serving(String projection) {
        Pointer pointer = pointers.get(projection);
        if (pointer != null && System.nanoTime() - pointer.readAt() < POINTER_TTL.toNanos()) {
            return Uni.createFrom().item(pointer.version());
        }
        return store.id().chain(id -> {
            ViewKeys keys = ViewKeys.of(config.redis().namespace(), projection, id);
            return redis.execute("HGET", keys.meta(), "current").map(r -> {
                ViewKeys.Version version = keys.version(r == null ? 1 : Integer.parseInt(r.toString()));
                pointers.put(projection, new Pointer(version, System.nanoTime()));
                return version;
            });
        });
    }
}

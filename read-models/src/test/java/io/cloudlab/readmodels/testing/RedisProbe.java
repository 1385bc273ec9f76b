package io.cloudlab.readmodels.testing;

import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.Projections;
import io.cloudlab.readmodels.projection.ProjectionsConfig;
import io.cloudlab.readmodels.redis.StoreIdentity;
import io.cloudlab.readmodels.redis.ViewKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Looks at (and, to introduce a fault, writes) what the projections keep in Redis, beside the runtime. */
@ApplicationScoped
public class RedisProbe {

    private final ReactiveRedisDataSource redis;
    private final StoreIdentity store;
    private final ProjectionsConfig config;
    private final Projections projections;

    RedisProbe(ReactiveRedisDataSource redis, StoreIdentity store, ProjectionsConfig config, Projections projections) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.projections = projections;
    }

    public static <T> T await(Uni<T> call) {
        return call.await().atMost(Duration.ofSeconds(120));
    }

    /** The projection as operators reach it (what the admin API calls). */
    public OperableProjection projection(String name) {
        return projections.all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no projection " + name));
    }

    public ViewKeys keys(String projection) {
        return ViewKeys.of(config.redis().namespace(), projection, await(store.id()));
    }

    public String get(String key) {
        Response r = await(redis.execute("GET", key));
        return r == null ? null : r.toString();
    }

    public void set(String key, String value) {
        await(redis.execute("SET", key, value));
    }

    public void delete(String key) {
        await(redis.execute("DEL", key));
    }

    public boolean isMember(String set, String member) {
        return await(redis.execute("SISMEMBER", set, member)).toInteger() == 1;
    }

    public boolean hashHas(String hash, String field) {
        return await(redis.execute("HEXISTS", hash, field)).toInteger() == 1;
    }

    /** Every key under a prefix (a version's, say). */
    public List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = await(redis.execute("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"));
            cursor = page.get(0).toString();
            page.get(1).forEach(k -> keys.add(k.toString()));
        } while (!"0".equals(cursor));
        return keys;
    }
}

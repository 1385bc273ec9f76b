package io.cloudlab.readmodels.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Gives each start of the test application a scope of its own on the shared infrastructure: a Redis key
 * namespace, a ClickHouse database and aggregate types no other run (of this module or another) uses. Events
 * stay in the shared test store (as every module's do), but a rebuild, an audit or a lag then only ever sees
 * this run's events, so counts can be exact. What the run left in Redis, ClickHouse and the checkpoints table
 * is removed when the application stops.
 *
 * <p>Declared here once, unrestricted, so it applies to every {@code @QuarkusTest} of the module.
 */
@QuarkusTestResource(RunScope.class)
public class RunScope implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(RunScope.class);

    /** Aggregate types of the probe projections (each suffixed with the run). */
    public static final List<String> AGGREGATES = List.of("RmRebuild", "RmParking", "RmAudit", "RmTier",
            "RmFactsRebuild", "RmFactsAudit", "RmFactsParking", "RmFactsRetention");

    private String run;

    @Override
    public Map<String, String> start() {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        run = HexFormat.of().formatHex(random);
        return Map.of(
                "readmodels.test.run", run,
                "cloudlab.projections.redis.namespace", namespace(),
                "cloudlab.clickhouse.database", database(),
                "cloudlab.event-store.aggregate-types",
                AGGREGATES.stream().map(a -> a + "-" + run).collect(Collectors.joining(",")));
    }

    private String namespace() {
        return "rmtest-" + run;
    }

    private String database() {
        return "rmtest_" + run;
    }

    @Override
    public void stop() {
        // Each step on its own: one service being unreachable must not leave the others' leftovers behind.
        try {
            dropClickHouseDatabase();
        } catch (Exception e) {
            LOG.warnf("could not drop ClickHouse database %s: %s", database(), e);
        }
        try {
            unlinkRedisKeys();
        } catch (Exception e) {
            LOG.warnf("could not remove Redis keys %s:*: %s", namespace(), e);
        }
        try {
            deleteCheckpoints();
        } catch (Exception e) {
            LOG.warnf("could not delete the subscription checkpoints of %s: %s", database(), e);
        }
    }

    private void dropClickHouseDatabase() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                env("CLICKHOUSE_URL", "http://127.0.0.1:8123") + "/"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("DROP DATABASE IF EXISTS " + database())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) throw new IllegalStateException(answer.statusCode() + " " + answer.body());
    }

    /** The same Redis the tests' profile reads (service-support's {@code %test.quarkus.redis.hosts}). */
    private void unlinkRedisKeys() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection redis = Redis.createClient(vertx, env("REDIS_TEST_URL", "redis://localhost:6379/1"))
                    .connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String cursor = "0";
            do {
                Response page = call(redis, Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(namespace() + ":*")
                        .arg("COUNT").arg(1000));
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                page.get(1).forEach(k -> keys.add(k.toString()));
                if (!keys.isEmpty()) {
                    Request unlink = Request.cmd(Command.UNLINK);
                    keys.forEach(unlink::arg);
                    call(redis, unlink);
                }
            } while (!"0".equals(cursor));
            redis.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Response call(RedisConnection redis, Request request) throws Exception {
        return redis.send(request).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The facts subscriptions' checkpoints; their names carry the ClickHouse database, so only this run's match. */
    private void deleteCheckpoints() throws Exception {
        String url = "jdbc:postgresql://" + env("PG_HOST", "localhost") + ":" + env("PG_PORT", "5432") + "/"
                + env("PG_TEST_DATABASE", "cloudlab_test");
        try (Connection c = DriverManager.getConnection(url, env("DB_MIGRATOR_USER", "cloudlab_owner"),
                env("DB_MIGRATOR_PASSWORD", "cloudlab_owner_dev"));
                PreparedStatement delete = c.prepareStatement("DELETE FROM event_store.subscription_checkpoints"
                        + " WHERE strpos(subscription_name, ?) > 0")) {
            delete.setString(1, "." + database() + ".");
            delete.executeUpdate();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

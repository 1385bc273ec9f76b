package io.cloudlab.readmodels.redis;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.support.testing.PrivateRedis;
import io.cloudlab.readmodels.testing.TierCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tiers with Redis stopped (its port closed): reads fall back to the caller's PostgreSQL read, behind a
 * breaker that opens so they stop trying Redis first; writes go on; when Redis is back the projection fills it
 * again from the events and reads return to it.
 */
@QuarkusTest
@TestProfile(ReadsWithoutRedisTest.OwnRedis.class)
class ReadsWithoutRedisTest {

    /** A Redis of its own, which the test stops and starts. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    @Inject
    TierCounters projection;
    @Inject
    Counters counters;
    @Inject
    RedisViews views;
    @Inject
    MeterRegistry metrics;

    final AtomicInteger postgresReads = new AtomicInteger();

    @Test
    void readsAreAnsweredFromPostgresWhileRedisIsDownAndFromRedisAgainOnceItIsBack() {
        Counter t = counters.open(projection.type(), UUID.randomUUID(), "t").add(2);
        await("t read from Redis").atMost(Duration.ofSeconds(60)).until(() -> read(t, t.version()).tier() == Tier.REDIS);
        JsonObject fromRedis = read(t, 0).value();

        PrivateRedis.running.stopServer();
        try {
            // The in-process tier may answer for up to its TTL (a second); then PostgreSQL does.
            await("t read from PostgreSQL with Redis stopped").atMost(Duration.ofSeconds(120))
                    .until(() -> read(t, 0).tier() == Tier.POSTGRES);
            int before = postgresReads.get();
            for (int i = 0; i < 5; i++) {
                Tiered<JsonObject> read = read(t, 0);
                assertEquals(Tier.POSTGRES, read.tier());
                assertEquals(fromRedis, read.value(), "the PostgreSQL tier answers the document Redis held");
            }
            assertEquals(before + 5, postgresReads.get());
            assertTrue(breakerOpenings() >= 1, "failing reads opened the breaker");

            // Writes never need Redis: what is appended now is read back from the store.
            t.add(3);
            Tiered<JsonObject> after = read(t, t.version());
            assertEquals(Tier.POSTGRES, after.tier());
            assertEquals(5, after.value().getLong("total"));
            assertEquals(3, after.value().getInteger("version"));

            // Any other read of the projection falls back too.
            Tiered<String> queried = await(views.query(TierCounters.NAME, reader -> reader.document(t.document()),
                    () -> Uni.createFrom().item("from postgres")));
            assertEquals(new Tiered<>("from postgres", Tier.POSTGRES), queried);
        } finally {
            PrivateRedis.running.startServer();
        }
        // Back (and empty, as this Redis keeps nothing on disk): the projection fills it again from the events.
        await("t read from Redis again, refilled from the events").atMost(Duration.ofSeconds(60)).until(() -> {
            Tiered<JsonObject> read = read(t, t.version());
            return read.tier() == Tier.REDIS && read.value().getLong("total") == 5;
        });
    }

    /** SmallRye Fault Tolerance's count of the breaker opening, for the one method every Redis read goes through. */
    private double breakerOpenings() {
        return metrics.find("ft.circuitbreaker.opened.total").counters().stream()
                .filter(c -> String.valueOf(c.getId().getTag("method")).startsWith(RedisCircuit.class.getName()))
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private Tiered<JsonObject> read(Counter counter, int atLeast) {
        return await(views.document(TierCounters.NAME, counter.document(), JsonObject::new, d -> d.getInteger("version"),
                atLeast, () -> {
                    postgresReads.incrementAndGet();
                    return counters.fromStore(projection, counter.type(), counter.tenant(), counter.id())
                            .map(json -> json == null ? null : new JsonObject(json));
                }));
    }
}

package io.cloudlab.readmodels.redis;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.RedisProbe;
import io.cloudlab.readmodels.testing.Switches;
import io.cloudlab.readmodels.testing.TierCounters;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reads through the tiers ({@link RedisViews}): the in-process tier in front of Redis, Redis, and the caller's
 * PostgreSQL read when Redis has no document or has not caught up with what the caller asks for. Reads with
 * Redis down are {@link ReadsWithoutRedisTest}.
 */
@QuarkusTest
class TieredReadsTest {

    @Inject
    TierCounters projection;
    @Inject
    Counters counters;
    @Inject
    Switches switches;
    @Inject
    RedisProbe redis;
    @Inject
    RedisViews views;

    final AtomicInteger postgresReads = new AtomicInteger();

    @Test
    void aRedisReadFillsTheInProcessTierAndAReadAskingForANewerVersionGoesPastIt() {
        Counter t = counters.open(projection.type(), UUID.randomUUID(), "t").add(3);
        await("t read from Redis").atMost(Duration.ofSeconds(60)).until(() -> read(t, t.version()).tier() == Tier.REDIS);
        postgresReads.set(0); // until the projection had applied it, PostgreSQL answered
        JsonObject fromRedis = read(t, 0).value();
        assertEquals(3, fromRedis.getLong("total"));

        // A read right after a Redis read is answered in process (it is kept for a second; should this machine
        // stall for longer between the two reads, the pair is simply tried again).
        await("a read answered in process right after a Redis read").atMost(Duration.ofSeconds(120)).until(() -> {
            Tiered<JsonObject> first = read(t, 0);
            Tiered<JsonObject> second = read(t, 0);
            return first.tier() == Tier.REDIS && second.tier() == Tier.MEMORY;
        });
        Tiered<JsonObject> remembered = read(t, 0);
        assertNotEquals(Tier.POSTGRES, remembered.tier());
        assertEquals(fromRedis, remembered.value());
        assertEquals(0, postgresReads.get(), "PostgreSQL is not read while Redis answers");

        // A read that asks for the next version is never answered by the in-process tier's older document.
        t.add(4);
        Tiered<JsonObject> fresh = read(t, t.version());
        assertNotEquals(Tier.MEMORY, fresh.tier());
        assertEquals(3, fresh.value().getInteger("version"));
        assertEquals(7, fresh.value().getLong("total"));
    }

    @Test
    void aDocumentRedisDoesNotHaveIsReadFromPostgres() {
        UUID missing = UUID.randomUUID();
        Tiered<JsonObject> read = await(views.document(TierCounters.NAME, TierCounters.document(missing), JsonObject::new,
                d -> d.getInteger("version"), 0, () -> {
                    postgresReads.incrementAndGet();
                    return counters.fromStore(projection, projection.type(), UUID.randomUUID(), missing)
                            .map(json -> json == null ? null : new JsonObject(json));
                }));
        assertEquals(Tier.POSTGRES, read.tier());
        assertNull(read.value(), "no such counter in the store either");
        assertEquals(1, postgresReads.get());
    }

    @Test
    void aReadAskingForAVersionTheViewHasNotAppliedIsAnsweredFromTheStore() {
        Counter t = counters.open(projection.type(), UUID.randomUUID(), "t").add(2);
        await("t read from Redis").atMost(Duration.ofSeconds(60)).until(() -> read(t, t.version()).tier() == Tier.REDIS);

        // The projection cannot apply the next event until it is released: Redis stays at version 2.
        UUID next = UUID.randomUUID();
        switches.hold(next);
        try {
            t.add(5, next);
            Tiered<JsonObject> asked = read(t, 3);
            assertEquals(Tier.POSTGRES, asked.tier());
            assertEquals(3, asked.value().getInteger("version"));
            assertEquals(7, asked.value().getLong("total"));
            assertEquals(2, storedVersion(t), "Redis is still at version 2");
            // Without a version to wait for, Redis answers with what it has.
            Tiered<JsonObject> any = read(t, 0);
            assertNotEquals(Tier.POSTGRES, any.tier());
            assertEquals(2, any.value().getInteger("version"));
            // The event it cannot apply is lag (counted once no older transaction of the cluster hides it).
            await("the held event counted as lag").atMost(Duration.ofSeconds(60))
                    .until(() -> await(redis.projection(TierCounters.NAME).state()).lagEvents() >= 1);
        } finally {
            switches.release(next);
        }
        await("t's version 3 read from Redis once released").atMost(Duration.ofSeconds(60)).until(() -> {
            Tiered<JsonObject> read = read(t, 3);
            return read.tier() == Tier.REDIS && read.value().getLong("total") == 7;
        });
        await("no lag once released").atMost(Duration.ofSeconds(60))
                .until(() -> await(redis.projection(TierCounters.NAME).state()).lagEvents() == 0);
    }

    private int storedVersion(Counter counter) {
        ViewKeys.Version serving = redis.keys(TierCounters.NAME).version(await(redis.projection(TierCounters.NAME).state()).version());
        return new JsonObject(redis.get(serving.document(counter.document()))).getInteger("version");
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

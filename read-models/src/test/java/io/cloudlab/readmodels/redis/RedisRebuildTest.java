package io.cloudlab.readmodels.redis;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ProjectionState;
import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.CounterProjection;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.RebuildCounters;
import io.cloudlab.readmodels.testing.RedisProbe;
import io.cloudlab.readmodels.testing.Switches;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rebuild of a Redis projection: a new version is filled from the event store while the old one serves and
 * keeps being updated, readers are switched over once it has caught up, and the old version's keys go.
 */
@QuarkusTest
class RedisRebuildTest {

    @Inject
    RebuildCounters projection;
    @Inject
    Counters counters;
    @Inject
    Switches switches;
    @Inject
    RedisProbe redis;
    @Inject
    RedisViews views;

    @Test
    void aRebuildReplaysTheStoreIntoANewVersionWhileTheOldServesThenSwitchesAndDropsTheOld() {
        UUID tenant = UUID.randomUUID();
        Counter a = counters.open(projection.type(), tenant, "a").add(5).add(7);
        Counter b = counters.open(projection.type(), tenant, "b").add(2);
        Counter c = counters.open(projection.type(), tenant, "c");
        OperableProjection operable = redis.projection(RebuildCounters.NAME);
        ViewKeys keys = redis.keys(RebuildCounters.NAME);
        int before = await(operable.state()).version();
        ViewKeys.Version old = keys.version(before);
        await("the counters' documents in the serving version").atMost(Duration.ofSeconds(60)).until(() -> List.of(a, b, c).stream()
                .allMatch(counter -> stored(old, counter) != null && stored(old, counter).getInteger("version") == counter.version()));

        // A wrong document in the serving version: the rebuild must replay the events, not copy what is served.
        redis.set(old.document(c.document()), stored(old, c).put("total", 42).encode());
        // The replay cannot get past a's first event until it is released, so the rebuild is still running
        // while the next assertions look at it, however fast the machine.
        UUID firstOfA = a.event(1);
        switches.hold(firstOfA);
        int building;
        try {
            building = await(operable.rebuild());
            assertEquals(before + 1, building);
            ProjectionState during = await(operable.state());
            assertEquals(before, during.version(), "the old version serves during the rebuild");
            assertEquals(building, during.building());
            assertTrue(during.buildingLagEvents() != null && during.buildingLagEvents() > 0,
                    "the rebuild's progress: events still to apply, " + during.buildingLagEvents());
            assertEquals(building, await(operable.rebuild()), "a rebuild already running is answered, not started again");

            // The serving version keeps being read and updated meanwhile.
            b.add(10);
            await("b's new event read from the serving version during the rebuild").atMost(Duration.ofSeconds(60)).until(() -> {
                Tiered<JsonObject> read = read(b, b.version());
                return read.tier() == Tier.REDIS && read.value().getLong("total") == 12;
            });
            Tiered<JsonObject> readA = read(a, 0);
            assertNotEquals(Tier.POSTGRES, readA.tier());
            assertEquals(12, readA.value().getLong("total"));
            assertNull(redis.get(keys.version(building).checkpoint()), "the held replay has written nothing yet");
            assertEquals(before, await(operable.state()).version());
        } finally {
            switches.release(firstOfA);
        }

        await("the rebuilt version serving").atMost(Duration.ofSeconds(60)).until(() -> {
            ProjectionState now = await(operable.state());
            return now.version() == building && now.building() == null;
        });
        ViewKeys.Version rebuilt = keys.version(building);
        assertEquals(Map.of("total", 12L, "version", 3), totalAndVersion(stored(rebuilt, a)));
        assertEquals(Map.of("total", 12L, "version", 3), totalAndVersion(stored(rebuilt, b)), "includes what came during the rebuild");
        assertEquals(Map.of("total", 0L, "version", 1), totalAndVersion(stored(rebuilt, c)), "replayed from the events");
        assertEquals(a.id().toString(), stored(rebuilt, a).getString("counter"));

        // The old version's keys go once readers have moved on.
        await("the old version's keys deleted").atMost(Duration.ofSeconds(120)).until(() -> redis.keysUnder(old.prefix()).isEmpty());
        // Readers read the new version: c, wrong only in the old one, is right through the tiers now.
        await("c read from the rebuilt version").atMost(Duration.ofSeconds(120)).until(() -> {
            Tiered<JsonObject> read = read(c, 0);
            return read.tier() == Tier.REDIS && read.value().getLong("total") == 0;
        });
        // And so is the index the new version built: the tenant's counters by total.
        Tiered<Map<String, Double>> index = await(views.query(RebuildCounters.NAME,
                reader -> reader.descending(CounterProjection.tenantIndex(tenant), Double.POSITIVE_INFINITY, 10)
                        .map(entries -> entries.stream().collect(Collectors.toMap(RedisViews.Scored::member, RedisViews.Scored::score))),
                () -> Uni.createFrom().nullItem()));
        assertEquals(Tier.REDIS, index.tier());
        assertEquals(Map.of(a.id().toString(), 12.0, b.id().toString(), 12.0, c.id().toString(), 0.0), index.value());
        assertTrue(redis.keysUnder(rebuilt.prefix()).contains(rebuilt.checkpoint()));
    }

    private JsonObject stored(ViewKeys.Version version, Counter counter) {
        String json = redis.get(version.document(counter.document()));
        return json == null ? null : new JsonObject(json);
    }

    private static Map<String, Object> totalAndVersion(JsonObject document) {
        return Map.of("total", document.getLong("total"), "version", document.getInteger("version"));
    }

    private Tiered<JsonObject> read(Counter counter, int atLeast) {
        return await(views.document(RebuildCounters.NAME, counter.document(), JsonObject::new, d -> d.getInteger("version"),
                atLeast, () -> counters.fromStore(projection, counter.type(), counter.tenant(), counter.id())
                        .map(json -> json == null ? null : new JsonObject(json))));
    }
}

package io.cloudlab.readmodels.clickhouse;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.projection.ProjectionState;
import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.CounterFacts;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.FactsProbe;
import io.cloudlab.readmodels.testing.Scope;
import io.cloudlab.readmodels.testing.Switches;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rebuild of a ClickHouse facts projection: a new table version is filled from the event store while the old one
 * serves queries and keeps receiving events, queries switch to it once it has caught up, the old tables are
 * dropped.
 */
@QuarkusTest
class FactsRebuildTest {

    static final String TABLE = "rebuild_facts";

    @Inject
    FactsProjections projections;
    @Inject
    Counters counters;
    @Inject
    Switches switches;
    @Inject
    Scope scope;
    @Inject
    FactsProbe facts;

    @Test
    void aRebuildReplaysTheStoreIntoNewTablesWhileTheOldServeThenSwitchesAndDropsTheOld() {
        String type = scope.type("RmFactsRebuild");
        FactsProjector projector = projections.run(new CounterFacts("rm-facts-rebuild", type, TABLE, switches));
        try {
            UUID tenant = UUID.randomUUID();
            Counter a = counters.open(type, tenant, "a").add(5).add(7);
            Counter b = counters.open(type, tenant, "b").add(2);
            await("the counters' facts in the serving tables").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    facts.facts(projector, TABLE, a.id()).size() == 3 && facts.facts(projector, TABLE, b.id()).size() == 2);
            int before = projector.tables().version();
            String oldTable = projector.tables().of(TABLE);

            // A row no event made, in the serving tables only: the rebuild must replay the events, not copy rows.
            facts.insertStray(oldTable, tenant, b.id(), 1000);
            assertTrue(facts.facts(oldTable, b.id()).contains("CounterAdded:1000"));
            // The replay cannot get past a's first event until it is released, so the rebuild is still running
            // while the next assertions look at it, however fast the machine.
            UUID firstOfA = a.event(1);
            switches.hold(firstOfA);
            int building;
            try {
                building = await(projector.rebuild());
                assertTrue(building > before, building + " after " + before);
                int started = building;
                // Every instance picks the new version up at its next reconcile (the asking one may be mid-way
                // through one): its tables are migrated and its subscription started then.
                await("the rebuild's version building, its tables migrated").atMost(Duration.ofSeconds(60)).until(() ->
                        Integer.valueOf(started).equals(await(projector.state()).building()) && facts.exists(TABLE + "_v" + started));
                ProjectionState during = await(projector.state());
                assertEquals(before, during.version(), "the old tables serve during the rebuild");
                assertEquals(building, await(projector.rebuild()), "a rebuild already running is answered, not started again");
                assertEquals(0, facts.count(TABLE + "_v" + building), "the held replay has inserted nothing yet");

                // The serving tables keep being queried and receiving events meanwhile.
                b.add(10);
                await("b's new event in the serving tables during the rebuild").atMost(Duration.ofSeconds(60))
                        .until(() -> facts.facts(projector, TABLE, b.id()).contains("CounterAdded:10"));
                assertEquals(before, projector.tables().version());
            } finally {
                switches.release(firstOfA);
            }

            int rebuilt = building;
            await("queries switched to the rebuilt version").atMost(Duration.ofSeconds(60))
                    .until(() -> projector.tables().version() == rebuilt);
            assertEquals(List.of("CounterOpened:0", "CounterAdded:5", "CounterAdded:7"), facts.facts(projector, TABLE, a.id()));
            assertEquals(List.of("CounterOpened:0", "CounterAdded:2", "CounterAdded:10"), facts.facts(projector, TABLE, b.id()),
                    "replayed from the events, with what came during the rebuild and without the stray row");
            await("no version building after the switch").atMost(Duration.ofSeconds(60))
                    .until(() -> await(projector.state()).building() == null);

            // The retired tables go a few seconds after the switch.
            await("the retired tables dropped").atMost(Duration.ofSeconds(60)).until(() -> !facts.exists(oldTable));
            assertTrue(facts.exists(projector.tables().of(TABLE)));
        } finally {
            projections.stop(projector);
        }
    }
}

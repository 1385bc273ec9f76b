package io.cloudlab.readmodels.clickhouse;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.projection.ParkedEvent;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison events of a ClickHouse facts projection: an event whose mapping throws is parked with its error, later
 * events of its aggregate wait behind it, other aggregates go on; retry and skip.
 */
@QuarkusTest
class FactsParkingTest {

    static final String TABLE = "parking_facts";

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

    String type;
    FactsProjector projector;

    @BeforeEach
    void run() {
        type = scope.type("RmFactsParking");
        projector = projections.run(new CounterFacts("rm-facts-parking", type, TABLE, switches));
    }

    @AfterEach
    void stop() {
        projections.stop(projector);
    }

    @Test
    void aPoisonEventIsParkedItsAggregateWaitsOthersGoOnAndARetryAppliesItOnceFixed() {
        UUID tenant = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        switches.poison(poison);
        Counter a = counters.open(type, tenant, "a").add(2, poison).add(3);
        Counter b = counters.open(type, tenant, "b").add(5);

        await("a's poison event parked with the one behind it, b projected").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                parkedOf(a).size() == 2 && facts.facts(projector, TABLE, b.id()).size() == 2);
        List<ParkedEvent> parked = parkedOf(a);
        assertEquals(List.of(poison, a.event(3)), parked.stream().map(ParkedEvent::eventId).toList());
        assertTrue(parked.get(0).error().contains("poisoned event " + poison), parked.get(0).error());
        assertTrue(parked.get(1).error().startsWith("waits behind"), parked.get(1).error());
        assertEquals(List.of("CounterOpened:0"), facts.facts(projector, TABLE, a.id()), "facts stop at the poison event");
        assertEquals(List.of("CounterOpened:0", "CounterAdded:5"), facts.facts(projector, TABLE, b.id()));
        assertTrue(await(projector.state()).parked() >= 2);

        // Still poisonous: a retry leaves both parked, the first with its error.
        assertEquals(2, await(projector.retryParked(a.id().toString())));
        assertTrue(parkedOf(a).get(0).error().contains("poisoned event " + poison));
        assertEquals(List.of("CounterOpened:0"), facts.facts(projector, TABLE, a.id()));

        switches.cure(poison); // the fix is deployed
        assertEquals(0, await(projector.retryParked(a.id().toString())));
        assertEquals(List.of(), parkedOf(a));
        assertEquals(List.of("CounterOpened:0", "CounterAdded:2", "CounterAdded:3"), facts.facts(projector, TABLE, a.id()));

        // Later events of the aggregate are projected as they come again.
        a.add(4);
        await("a's next event projected after the retry").atMost(Duration.ofSeconds(60))
                .until(() -> facts.facts(projector, TABLE, a.id()).contains("CounterAdded:4"));
        assertEquals(List.of(), parkedOf(a));
    }

    @Test
    void aSkipDropsTheFirstParkedEventAndProjectsTheRest() {
        UUID poison = UUID.randomUUID();
        switches.poison(poison);
        Counter c = counters.open(type, UUID.randomUUID(), "c").add(3, poison).add(4);
        await("c's poison event parked with the one behind it").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> parkedOf(c).size() == 2);

        assertEquals(0, await(projector.skipParked(c.id().toString())));
        assertEquals(List.of(), parkedOf(c));
        assertEquals(List.of("CounterOpened:0", "CounterAdded:4"), facts.facts(projector, TABLE, c.id()));
    }

    private List<ParkedEvent> parkedOf(Counter counter) {
        return await(projector.parked()).stream().filter(p -> p.aggregateId().equals(counter.id())).toList();
    }
}

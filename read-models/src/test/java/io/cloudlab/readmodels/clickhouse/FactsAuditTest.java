package io.cloudlab.readmodels.clickhouse;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.projection.AuditReport;
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
 * Audit of a ClickHouse facts projection: the rows a replay of the store maps to, compared with the rows served,
 * agree until a row no event made is slipped in; then exactly that counter is reported, with both sides.
 */
@QuarkusTest
class FactsAuditTest {

    static final String TABLE = "audit_facts";

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
    void anAuditReportsNothingWhenTheFactsAgreeAndTheCounterWhoseFactsWereMadeWrong() {
        String type = scope.type("RmFactsAudit");
        FactsProjector projector = projections.run(new CounterFacts("rm-facts-audit", type, TABLE, switches));
        try {
            UUID tenant = UUID.randomUUID();
            Counter a = counters.open(type, tenant, "a").add(5).add(7);
            Counter b = counters.open(type, tenant, "b").add(2);
            Counter c = counters.open(type, tenant, "c");
            // Rows in and the checkpoint past them (it moves after the insert): the audit is cut there.
            await("the counters' facts in and the checkpoint past them").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    facts.facts(projector, TABLE, a.id()).size() == 3 && facts.facts(projector, TABLE, b.id()).size() == 2
                            && facts.facts(projector, TABLE, c.id()).size() == 1 && await(projector.state()).lagEvents() == 0);

            AuditReport agreeing = await(projector.audit(100));
            assertEquals(List.of(), agreeing.differences());
            assertEquals(3, agreeing.documentsCompared());
            assertEquals(6, agreeing.eventsReplayed());
            assertEquals(projector.tables().version(), agreeing.version());
            assertEquals(await(projector.state()).checkpoint(), agreeing.checkpoint());

            facts.insertStray(projector.tables().of(TABLE), tenant, b.id(), 1000);

            AuditReport disagreeing = await(projector.audit(100));
            assertEquals(List.of(TABLE + ":" + b.id()), disagreeing.differences().stream().map(AuditReport.Difference::document).toList(),
                    disagreeing.toString());
            AuditReport.Difference ofB = disagreeing.differences().get(0);
            assertEquals(2, ofB.expected().lines().count(), ofB.expected());
            assertEquals(3, ofB.actual().lines().count(), ofB.actual());
            assertTrue(ofB.actual().contains("\"amount\":1000") && !ofB.expected().contains("\"amount\":1000"), ofB.toString());
            assertEquals(3, disagreeing.documentsCompared());

            // A counter with a parked event is left out: the parked list reports it, not the audit.
            UUID poison = UUID.randomUUID();
            switches.poison(poison);
            Counter d = counters.open(type, tenant, "d").add(1, poison);
            await("d's poison event parked").atMost(Duration.ofSeconds(60))
                    .until(() -> await(projector.parked()).stream().anyMatch(p -> p.eventId().equals(poison)));
            AuditReport withParked = await(projector.audit(100));
            assertEquals(List.of(TABLE + ":" + b.id()), withParked.differences().stream().map(AuditReport.Difference::document).toList());
            assertEquals(3, withParked.documentsCompared());
            assertEquals(List.of("CounterOpened:0"), facts.facts(projector, TABLE, d.id()));
        } finally {
            projections.stop(projector);
        }
    }
}

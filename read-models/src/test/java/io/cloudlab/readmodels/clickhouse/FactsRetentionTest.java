package io.cloudlab.readmodels.clickhouse;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.CounterFacts;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.FactsProbe;
import io.cloudlab.readmodels.testing.Scope;
import io.cloudlab.readmodels.testing.Switches;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Analytics retention: a fact table's partitions whose newest row is past {@code cloudlab.clickhouse.retention}
 * (two years) are dropped, the rest stay. The clock is the {@code now} the test passes.
 */
@QuarkusTest
class FactsRetentionTest {

    static final String TABLE = "retention_facts";
    static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

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
    @Inject
    ClickHouse clickhouse;

    @Test
    void partitionsPastRetentionAreDroppedAndTheRestStay() {
        String type = scope.type("RmFactsRetention");
        FactsProjector projector = projections.run(new CounterFacts("rm-facts-retention", type, TABLE, switches));
        try {
            UUID tenant = UUID.randomUUID();
            Counter live = counters.open(type, tenant, "live").add(3);
            await("the live counter's facts").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> facts.facts(projector, TABLE, live.id()).size() == 2);
            String table = projector.tables().of(TABLE);

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            UUID ancient = UUID.randomUUID();
            UUID lastYear = UUID.randomUUID();
            await(clickhouse.insert(table, List.of(
                    row(tenant, ancient, Instant.parse("1990-01-15T12:00:00Z")),
                    row(tenant, lastYear, now.minus(Duration.ofDays(365))))));
            assertEquals(List.of("CounterAdded:1"), facts.facts(table, ancient));

            List<String> dropped = await(projections.dropPastRetention(now));

            assertTrue(dropped.contains(table + "/199001"), dropped.toString());
            assertEquals(List.of(), facts.facts(table, ancient), "a partition past two years is dropped");
            assertEquals(List.of("CounterAdded:1"), facts.facts(table, lastYear), "a year-old partition stays");
            assertEquals(2, facts.facts(projector, TABLE, live.id()).size(), "this month's facts stay");

            // Fourteen months on, last year's month is past retention too; this month's is not.
            await(projections.dropPastRetention(now.plus(Duration.ofDays(425))));
            assertEquals(List.of(), facts.facts(table, lastYear));
            assertEquals(2, facts.facts(projector, TABLE, live.id()).size());
        } finally {
            projections.stop(projector);
        }
    }

    private static JsonObject row(UUID tenant, UUID counter, Instant at) {
        return new JsonObject().put("tenant_id", tenant.toString()).put("counter_id", counter.toString())
                .put("event_id", UUID.randomUUID().toString()).put("event_type", "CounterAdded").put("amount", 1)
                .put("occurred_at", CLICKHOUSE_TIME.format(at)).put("event_transaction_id", 1).put("event_position", 1)
                .put("projection_rank", 1);
    }
}

package io.cloudlab.readmodels.testing;

import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.clickhouse.FactsProjector;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Looks at (and, to introduce a fault, writes) the probe counters' fact rows in ClickHouse, beside the engine. */
@ApplicationScoped
public class FactsProbe {

    private final ClickHouse clickhouse;

    FactsProbe(ClickHouse clickhouse) {
        this.clickhouse = clickhouse;
    }

    /** A counter's facts in a table version as {@code <event type>:<amount>}, in the order of its events. */
    public List<String> facts(String table, UUID counter) {
        return clickhouse.select("SELECT event_type, amount FROM " + table + " FINAL WHERE counter_id = toUUID('" + counter
                        + "') ORDER BY event_transaction_id, event_position").await().atMost(Duration.ofSeconds(120))
                .stream().map(r -> r.getString("event_type") + ":" + r.getLong("amount")).toList();
    }

    /** The facts a projection serves now. */
    public List<String> facts(FactsProjector projector, String table, UUID counter) {
        return facts(projector.tables().of(table), counter);
    }

    public long count(String table) {
        return clickhouse.select("SELECT count() AS n FROM " + table).await().atMost(Duration.ofSeconds(120)).get(0).getLong("n");
    }

    public boolean exists(String table) {
        return clickhouse.select("SELECT count() AS n FROM system.tables WHERE database = "
                        + ClickHouse.literal(clickhouse.database()) + " AND name = " + ClickHouse.literal(table))
                .await().atMost(Duration.ofSeconds(120)).get(0).getLong("n") > 0;
    }

    /**
     * Inserts a fact no event made: an "added" row for the counter with a fresh event id, at the transaction and
     * position of one of its real events (so an audit's checkpoint covers it).
     */
    public void insertStray(String table, UUID tenant, UUID counter, long amount) {
        var real = clickhouse.select("SELECT event_transaction_id, event_position, toString(occurred_at) AS occurred_at FROM "
                + table + " FINAL WHERE counter_id = toUUID('" + counter + "') ORDER BY event_position LIMIT 1")
                .await().atMost(Duration.ofSeconds(120)).get(0);
        clickhouse.insert(table, List.of(new io.vertx.core.json.JsonObject().put("tenant_id", tenant.toString())
                        .put("counter_id", counter.toString()).put("event_id", UUID.randomUUID().toString())
                        .put("event_type", CounterFold.ADDED).put("amount", amount)
                        .put("occurred_at", real.getString("occurred_at"))
                        .put("event_transaction_id", real.getLong("event_transaction_id"))
                        .put("event_position", real.getLong("event_position")).put("projection_rank", 1)))
                .await().atMost(Duration.ofSeconds(120));
    }
}

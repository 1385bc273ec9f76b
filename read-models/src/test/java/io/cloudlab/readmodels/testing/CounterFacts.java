package io.cloudlab.readmodels.testing;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.readmodels.clickhouse.FactMapper;
import io.cloudlab.readmodels.clickhouse.FactRow;
import io.cloudlab.readmodels.clickhouse.FactsDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A ClickHouse facts projection of the probe counters, as a service declares one: one row per event (the amount
 * added, 0 for the opening) in table {@code <table>_v<n>}, whose migration is in {@code clickhouse/<name>/}.
 */
public final class CounterFacts implements FactsDefinition {

    private final String name;
    private final String type;
    private final String table;
    private final Switches switches;

    public CounterFacts(String name, String type, String table, Switches switches) {
        this.name = name;
        this.type = type;
        this.table = table;
        this.switches = switches;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SubscriptionFilter filter() {
        return SubscriptionFilter.aggregateTypes(type);
    }

    @Override
    public String migrations() {
        return "clickhouse/" + name;
    }

    @Override
    public List<FactTable> tables() {
        return List.of(new FactTable(table, "counter_id"));
    }

    @Override
    public Uni<FactMapper> mapperFor(List<RecordedEvent> batch) {
        for (RecordedEvent event : batch) {
            if (switches.held(event.eventId())) return Uni.createFrom().failure(new IllegalStateException("held: " + event));
        }
        return Uni.createFrom().item(this::facts);
    }

    private List<FactRow> facts(RecordedEvent event) {
        if (switches.poisoned(event.eventId())) throw new IllegalStateException("poisoned event " + event.eventId());
        long amount = CounterFold.ADDED.equals(event.eventType()) ? event.data().getLong("amount") : 0;
        return List.of(new FactRow(table, new JsonObject().put("tenant_id", event.tenantId().toString())
                .put("counter_id", event.aggregateId().toString()).put("event_type", event.eventType())
                .put("amount", amount).put("occurred_at", event.createdAt().toInstant().toString())));
    }
}

package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A read model kept as fact tables in ClickHouse. A service declares one as a CDI bean; {@link FactsProjections}
 * finds it, migrates its tables, projects every event of its {@link #filter()} into them, and makes it operable
 * (state, rebuild, audit, parked events) through the admin API.
 *
 * <p>What every fact table must have, because the engine relies on it:
 * <ul>
 *   <li>engine {@code ReplacingMergeTree}, its sorting key ending in {@code event_id} (plus whatever tells an
 *       event's rows apart, e.g. a line number), partitioned by a function of the event's time: the same event
 *       inserted twice is then one row once merged (and under FINAL before), in the same partition. That is
 *       what makes a redelivery, a replay or a batch retried after a failed insert harmless;</li>
 *   <li>columns {@code event_id UUID}, {@code event_transaction_id UInt64}, {@code event_position UInt64}, which
 *       the engine fills (audits cut both sides at the same checkpoint with them), and the column named by
 *       {@link FactTable#documentColumn()}.</li>
 * </ul>
 * Optional engine-filled columns: {@code projected_at DateTime}, {@code projection_delay_ms UInt64} (from the
 * event's commit to its insert) and {@code projection_rank UInt64} (larger for an earlier insert: as the
 * ReplacingMergeTree version, it keeps the first projection of an event, so a replay does not change the delay).
 */
public interface FactsDefinition {

    /** Unique within the platform, e.g. {@code order-analytics}. */
    String name();

    /** The events it reads. */
    SubscriptionFilter filter();

    /** Classpath folder of its migrations ({@code V<n>__<what>.sql}, tables named {@code <table>_v${v}}). */
    String migrations();

    /** Its fact tables. */
    List<FactTable> tables();

    /**
     * The mapping for a batch. Most definitions answer a fixed mapper; one that needs reference data the events do
     * not carry (a product's vendor) loads it for the batch here, so the mapping itself stays pure. A failure
     * here is not an event's fault: the batch is retried from the checkpoint.
     */
    Uni<FactMapper> mapperFor(List<RecordedEvent> batch);

    /**
     * @param name           base name, e.g. {@code order_facts}
     * @param documentColumn the column holding the id of the aggregate whose events made the row (audits compare by it)
     */
    record FactTable(String name, String documentColumn) {}
}

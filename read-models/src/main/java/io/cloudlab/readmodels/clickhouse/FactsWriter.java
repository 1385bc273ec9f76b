package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Projects batches into one table version: maps each event to its fact rows, inserts them one INSERT per table
 * (a batch of the subscription is one part per table, as ClickHouse wants inserts batched), then lets the
 * subscription move its checkpoint in PostgreSQL.
 *
 * <p>Why the checkpoint can live in PostgreSQL although the facts live in ClickHouse, with no transaction
 * spanning the two: the checkpoint moves only after every insert succeeded, so a crash in between delivers the
 * batch again, and inserting an event's rows again is harmless (the fact tables are ReplacingMergeTree keyed
 * by event id: see {@link FactsDefinition}). The checkpoint can lag the facts, never lead them; at-least-once
 * plus idempotent rows is effectively once.
 *
 * <p>An event whose mapping throws is mapped again a few times (the mapping is pure, so a retry helps only
 * against a passing condition of the process), then parked with its error; later events of the same aggregate
 * are parked behind it, since their facts without it would describe an aggregate that never was. Other
 * aggregates go on. A failure of ClickHouse itself is no event's fault: the batch fails and is delivered again.
 */
final class FactsWriter {

    private static final Logger LOG = Logger.getLogger(FactsWriter.class);
    /** Ranks count down from here (2100-01-01), so the first insert of an event has the highest rank. */
    private static final long RANK_ORIGIN_MS = 4_102_444_800_000L;
    static final int ATTEMPTS = 3;

    private final FactsDefinition definition;
    private final ClickHouse clickhouse;
    private final Parking parking;
    private final int version;

    FactsWriter(FactsDefinition definition, ClickHouse clickhouse, Parking parking, int version) {
        this.definition = definition;
        this.clickhouse = clickhouse;
        this.parking = parking;
        this.version = version;
    }

    Uni<Void> apply(List<RecordedEvent> batch) {
        return definition.mapperFor(batch).chain(mapper -> parking.known().chain(known -> {
            Map<String, List<JsonObject>> rows = new LinkedHashMap<>();
            List<JsonObject> parked = new ArrayList<>();
            Instant now = Instant.now();
            for (RecordedEvent event : batch) {
                if (known.contains(event)) continue; // parked by an earlier delivery of this batch
                String document = Parking.documentOf(event);
                if (known.blockedDocuments().contains(document)) {
                    parked.add(parking.row(event, "waits behind an earlier parked event of " + document, Parking.WAITING));
                    continue;
                }
                try {
                    add(rows, mapped(mapper, event), event, now);
                } catch (RuntimeException poison) {
                    LOG.errorf("projection %s v%d: parked %s after %d attempts: %s", definition.name(), version, event,
                            ATTEMPTS, poison.toString());
                    parked.add(parking.row(event, poison.toString(), Parking.PARKED));
                    known.blockedDocuments().add(document);
                }
            }
            return insert(rows).chain(() -> parking.put(parked));
        }));
    }

    /** Inserts rows already mapped (retry of parked events) into this version's tables. */
    Uni<Void> insert(Map<String, List<JsonObject>> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<JsonObject>> table : rows.entrySet()) {
            chain = chain.chain(() -> clickhouse.insert(table.getKey() + "_v" + version, table.getValue()));
        }
        return chain;
    }

    static List<FactRow> mapped(FactMapper mapper, RecordedEvent event) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return mapper.facts(event);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Adds an event's rows with the columns the engine fills (see {@link FactsDefinition}). */
    static void add(Map<String, List<JsonObject>> rows, List<FactRow> facts, RecordedEvent event, Instant now) {
        long delay = event.createdAt() == null ? 0
                : Math.max(0, Duration.between(event.createdAt().toInstant(), now).toMillis());
        for (FactRow fact : facts) {
            JsonObject row = fact.row().copy().put("event_id", event.eventId().toString())
                    .put("event_transaction_id", event.transactionId()).put("event_position", event.position())
                    .put("projected_at", now.toString()).put("projection_delay_ms", delay)
                    .put("projection_rank", RANK_ORIGIN_MS - now.toEpochMilli());
            rows.computeIfAbsent(fact.table(), t -> new ArrayList<>()).add(row);
        }
    }
}

package io.cloudlab.readmodels.clickhouse;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.readmodels.projection.AuditProgress;
import io.cloudlab.readmodels.projection.AuditReport;
import io.cloudlab.readmodels.projection.StoreReader;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Replays the events of a sample of aggregates and compares the rows their mapping gives with the rows the
 * serving tables hold, both cut at the serving version's checkpoint (rows of later events are left out by their
 * {@code event_transaction_id}/{@code event_position}), so a projection that is busy is not reported as wrong.
 *
 * <p>The expected rows are inserted into scratch Memory tables of the same structure ({@code CREATE TABLE ..
 * AS}), so both sides are rendered by ClickHouse with the same types (timestamps cut to seconds, decimals to
 * their scale) and can be compared as text. Columns that describe the projecting rather than the events
 * ({@code projected_at}, {@code projection_delay_ms}, {@code projection_rank}) are not compared. Aggregates
 * with a parked event are left out: their missing rows are reported by the parked list already.
 */
final class FactsAudit {

    private static final Set<String> VOLATILE = Set.of("projected_at", "projection_delay_ms", "projection_rank");
    private static final int PAGE = 1000;

    private final FactsDefinition definition;
    private final ClickHouse clickhouse;
    private final StoreReader reader;
    private final AuditProgress progress;

    FactsAudit(FactsDefinition definition, ClickHouse clickhouse, StoreReader reader, AuditProgress progress) {
        this.progress = progress;
        this.definition = definition;
        this.clickhouse = clickhouse;
        this.reader = reader;
    }

    Uni<AuditReport> run(int version, Checkpoint checkpoint, Set<String> parkedDocuments, int percent) {
        List<RecordedEvent> replayed = new ArrayList<>();
        return collect(Checkpoint.START, checkpoint, percent, parkedDocuments, replayed)
                .chain(() -> definition.mapperFor(replayed))
                .chain(mapper -> {
                    Map<String, List<JsonObject>> expected = new LinkedHashMap<>();
                    Instant now = Instant.now();
                    for (RecordedEvent event : replayed) {
                        try {
                            FactsWriter.add(expected, mapper.facts(event), event, now);
                        } catch (RuntimeException poison) {
                            // the projection parks it (or did): the parked list reports it, not the audit
                        }
                    }
                    String scratch = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
                    return compareAll(version, checkpoint, scratch, expected)
                            .eventually(() -> dropScratch(scratch))
                            .map(differences -> new AuditReport(definition.name(), version, checkpoint.text(), percent,
                                    replayed.size(), differences.documents, differences.found));
                });
    }

    /** Pages through the store up to the checkpoint, keeping the sampled aggregates' events. */
    private Uni<Void> collect(Checkpoint after, Checkpoint until, int percent, Set<String> parked, List<RecordedEvent> into) {
        return reader.page(after, definition.filter(), PAGE).chain(page -> {
            for (RecordedEvent event : page) {
                if (!until.covers(event)) return Uni.createFrom().voidItem();
                if (Math.floorMod(event.aggregateId().hashCode(), 100) < percent
                        && !parked.contains(Parking.documentOf(event))) {
                    into.add(event);
                }
            }
            if (!page.isEmpty()) progress.read(page.get(page.size() - 1).position(), until.position(), into.size());
            if (page.size() < PAGE) return Uni.createFrom().voidItem();
            return collect(Checkpoint.of(page.get(page.size() - 1)), until, percent, parked, into);
        });
    }

    private static final class Differences {
        final List<AuditReport.Difference> found = new ArrayList<>();
        long documents;
    }

    private Uni<Differences> compareAll(int version, Checkpoint checkpoint, String scratch,
            Map<String, List<JsonObject>> expected) {
        Differences differences = new Differences();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FactsDefinition.FactTable table : definition.tables()) {
            List<JsonObject> rows = expected.getOrDefault(table.name(), List.of());
            if (rows.isEmpty()) continue;
            String served = table.name() + "_v" + version;
            String copy = scratch + table.name();
            chain = chain
                    .chain(() -> clickhouse.execute("CREATE TABLE " + copy + " AS " + served + " ENGINE = Memory"))
                    .chain(() -> clickhouse.insert(copy, rows))
                    .chain(() -> compare(table, served, copy, checkpoint, differences));
        }
        return chain.replaceWith(differences);
    }

    private Uni<Void> compare(FactsDefinition.FactTable table, String served, String copy, Checkpoint checkpoint,
            Differences differences) {
        return clickhouse.select("SELECT name FROM system.columns WHERE database = " + ClickHouse.literal(clickhouse.database())
                        + " AND table = " + ClickHouse.literal(served))
                .chain(columns -> {
                    List<String> compared = columns.stream().map(c -> c.getString("name"))
                            .filter(c -> !VOLATILE.contains(c)).toList();
                    String select = "SELECT " + String.join(", ", compared) + " FROM ";
                    String document = table.documentColumn();
                    String covered = " AND (event_transaction_id < " + checkpoint.transactionId()
                            + " OR (event_transaction_id = " + checkpoint.transactionId() + " AND event_position <= "
                            + checkpoint.position() + "))";
                    Uni<List<String>> actual = clickhouse.selectLines(select + served + " FINAL WHERE " + document
                            + " IN (SELECT " + document + " FROM " + copy + ")" + covered);
                    Uni<List<String>> wanted = clickhouse.selectLines(select + copy);
                    return Uni.combine().all().unis(wanted, actual).asTuple().invoke(both -> {
                        Map<String, List<String>> want = byDocument(both.getItem1(), document);
                        Map<String, List<String>> have = byDocument(both.getItem2(), document);
                        Set<String> documents = new HashSet<>(want.keySet());
                        documents.addAll(have.keySet());
                        differences.documents += documents.size();
                        progress.compared(differences.documents);
                        for (String d : new TreeMap<>(want).keySet()) {
                            List<String> w = want.getOrDefault(d, List.of());
                            List<String> h = have.getOrDefault(d, List.of());
                            if (!w.equals(h)) {
                                differences.found.add(new AuditReport.Difference(table.name() + ":" + d,
                                        String.join("\n", w), String.join("\n", h)));
                            }
                        }
                    }).replaceWithVoid();
                });
    }

    private static Map<String, List<String>> byDocument(List<String> lines, String documentColumn) {
        Map<String, List<String>> grouped = new HashMap<>();
        for (String line : lines) {
            String document = String.valueOf(new JsonObject(line).getValue(documentColumn));
            grouped.computeIfAbsent(document, d -> new ArrayList<>()).add(line);
        }
        grouped.values().forEach(list -> list.sort(null));
        return grouped;
    }

    private Uni<Void> dropScratch(String scratch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FactsDefinition.FactTable table : definition.tables()) {
            chain = chain.chain(() -> clickhouse.execute("DROP TABLE IF EXISTS " + scratch + table.name()));
        }
        return chain;
    }
}

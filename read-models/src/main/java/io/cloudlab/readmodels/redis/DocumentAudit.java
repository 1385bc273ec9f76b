package io.cloudlab.readmodels.redis;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.readmodels.projection.AuditProgress;
import io.cloudlab.readmodels.projection.AuditReport;
import io.cloudlab.readmodels.projection.StoreReader;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays the store beside a running document projection and compares. Events keep arriving while it runs, so
 * each chunk of documents is read from Redis together with the checkpoint they reflect (one script), and each
 * document is compared with the fold of exactly the events that checkpoint covers: a document is never
 * reported different merely because the projection moved on meanwhile. Documents with parked events are left
 * out (the parked list already names them), and so are events operators skipped.
 */
final class DocumentAudit {

    private static final int PAGE = 2_000;
    private static final int CHUNK = 500;
    private static final String READ = """
            local out = {}
            out[1] = redis.call('GET', KEYS[1]) or ''
            out[2] = redis.call('SMEMBERS', KEYS[2])
            for i = 1, #ARGV do out[i + 2] = redis.call('GET', ARGV[i]) or false end
            return out
            """;

    private final DocumentProjection projection;
    private final ViewKeys.Version version;
    private final String skippedKey;
    private final Set<String> skipped = new HashSet<>();
    private final ReactiveRedisDataSource redis;
    private final StoreReader reader;
    private final AuditProgress progress;
    private final Map<String, List<RecordedEvent>> events = new LinkedHashMap<>();
    private final List<AuditReport.Difference> differences = new ArrayList<>();
    private Checkpoint readUpTo = Checkpoint.START;
    private long replayed;
    private long compared;
    private int percent;

    DocumentAudit(DocumentProjection projection, ViewKeys keys, int version, ReactiveRedisDataSource redis, StoreReader reader,
            AuditProgress progress) {
        this.progress = progress;
        this.projection = projection;
        this.version = keys.version(version);
        this.skippedKey = keys.skipped();
        this.redis = redis;
        this.reader = reader;
    }

    Uni<AuditReport> run(int samplePercent) {
        this.percent = samplePercent;
        return redis.execute("SMEMBERS", skippedKey).invoke(ids -> ids.forEach(id -> skipped.add(id.toString())))
                .chain(() -> redis.execute("GET", version.checkpoint()))
                .map(r -> Checkpoint.parse(r == null ? null : r.toString()))
                .chain(target -> readUntil(target).replaceWith(target))
                .chain(target -> compareChunks(new ArrayList<>(events.keySet()), 0, target))
                .map(last -> new AuditReport(projection.name(), version.number(), last.text(), percent, replayed,
                        compared, List.copyOf(differences)));
    }

    private Uni<Checkpoint> compareChunks(List<String> documents, int from, Checkpoint last) {
        if (from >= documents.size()) return Uni.createFrom().item(last);
        List<String> chunk = documents.subList(from, Math.min(documents.size(), from + CHUNK));
        List<String> args = new ArrayList<>(List.of(READ, "2", version.checkpoint(), version.parkedDocuments()));
        chunk.forEach(d -> args.add(version.document(d)));
        return redis.execute("EVAL", args.toArray(String[]::new)).chain(r -> {
            Checkpoint at = Checkpoint.parse(r.get(0).toString());
            Set<String> parked = new HashSet<>();
            for (Response member : r.get(1)) parked.add(member.toString());
            return readUntil(at).invoke(() -> {
                for (int i = 0; i < chunk.size(); i++) {
                    Response held = r.get(i + 2);
                    compare(chunk.get(i), held == null ? null : held.toString(), at, parked);
                }
                progress.compared(compared);
            }).chain(() -> compareChunks(documents, from + CHUNK, at));
        });
    }

    private void compare(String document, String actual, Checkpoint at, Set<String> parked) {
        if (parked.contains(document)) return;
        String expected = null;
        try {
            for (RecordedEvent e : events.get(document)) {
                if (at.covers(e)) expected = projection.apply(expected, e);
            }
        } catch (RuntimeException failure) {
            differences.add(new AuditReport.Difference(document, "the replay fails: " + failure, actual));
            return;
        }
        compared++;
        if (expected == null && actual == null) return;
        if (expected == null || actual == null || !new JsonObject(expected).equals(new JsonObject(actual))) {
            differences.add(new AuditReport.Difference(document, expected, actual));
        }
    }

    /** Reads the store on until it has every event the target checkpoint covers. */
    private Uni<Void> readUntil(Checkpoint target) {
        if (beyond(target)) return Uni.createFrom().voidItem();
        return reader.page(readUpTo, projection.filter(), PAGE).chain(page -> {
            for (RecordedEvent e : page) {
                String document = projection.documentOf(e);
                if (document != null && sampled(document) && !skipped.contains(e.eventId().toString())) {
                    events.computeIfAbsent(document, d -> new ArrayList<>()).add(e);
                    replayed++;
                }
                readUpTo = Checkpoint.of(e);
            }
            progress.read(readUpTo.position(), target.position(), replayed);
            return page.isEmpty() || beyond(target) ? Uni.createFrom().voidItem() : readUntil(target);
        });
    }

    /** Whether what has been read already reaches past the target. */
    private boolean beyond(Checkpoint target) {
        return readUpTo.transactionId() > target.transactionId()
                || (readUpTo.transactionId() == target.transactionId() && readUpTo.position() > target.position());
    }

    private boolean sampled(String document) {
        return percent >= 100 || Math.floorMod(document.hashCode(), 100) < percent;
    }
}

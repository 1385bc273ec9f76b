package io.cloudlab.readmodels.redis;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.Checkpoint;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies events to one version of a document projection: reads the documents a batch touches, folds the
 * events in, and writes documents, index changes, parked events and the checkpoint in one {@link ApplyScript}.
 *
 * <p>An event the fold throws on is tried again a few times (cheaply: the fold is pure) and then parked with
 * its error; later events of the same document are parked behind it, since applying them without it would
 * build a document that never existed. Other documents go on. Failures of Redis itself are not the event's
 * fault: the batch fails and the subscription retries it from the checkpoint.
 */
final class VersionWriter {

    private static final Logger LOG = Logger.getLogger(VersionWriter.class);
    private static final Comparator<String> DELIVERY_ORDER = Comparator
            .<String>comparingLong(p -> ParkedCodec.event(p).transactionId())
            .thenComparingLong(p -> ParkedCodec.event(p).position());

    private final DocumentProjection projection;
    private final ViewKeys.Version keys;
    private final String skippedKey;
    private final Set<String> skipped = new HashSet<>();
    private final ReactiveRedisDataSource redis;
    private final int attempts;
    private final Timer applyDelay;
    private final SerialQueue queue = new SerialQueue();
    private final Set<String> parkedDocuments = new HashSet<>();
    private String stored = "";

    VersionWriter(DocumentProjection projection, ViewKeys keys, int version, ReactiveRedisDataSource redis, int attempts,
            Timer applyDelay) {
        this.projection = projection;
        this.keys = keys.version(version);
        this.skippedKey = keys.skipped();
        this.redis = redis;
        this.attempts = attempts;
        this.applyDelay = applyDelay;
    }

    ViewKeys.Version keys() {
        return keys;
    }

    /** Reads the checkpoint and the parked documents back; the subscription calls it at every (re)start. */
    Uni<Checkpoint> resume() {
        return queue.run(() -> redis.execute("GET", keys.checkpoint())
                .chain(checkpoint -> redis.execute("SMEMBERS", keys.parkedDocuments())
                        .chain(parked -> redis.execute("SMEMBERS", skippedKey).map(skips -> {
                            stored = checkpoint == null ? "" : checkpoint.toString();
                            parkedDocuments.clear();
                            for (Response member : parked) parkedDocuments.add(member.toString());
                            skipped.clear();
                            for (Response id : skips) skipped.add(id.toString());
                            return Checkpoint.parse(stored);
                        }))));
    }

    Uni<Void> apply(List<RecordedEvent> batch) {
        return queue.run(() -> applyNow(batch));
    }

    private Uni<Void> applyNow(List<RecordedEvent> batch) {
        List<String> touched = new ArrayList<>(new LinkedHashSet<>(batch.stream()
                .map(projection::documentOf).filter(d -> d != null).toList()));
        return read(touched).chain(before -> {
            Map<String, String> after = new HashMap<>(before);
            ApplyScript script = new ApplyScript();
            Set<String> nowParked = new HashSet<>(parkedDocuments);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (RecordedEvent event : batch) {
                String document = projection.documentOf(event);
                if (document == null || skipped.contains(event.eventId().toString())) continue;
                if (nowParked.contains(document)) {
                    park(script, document, event, "waiting behind an earlier parked event of " + document, now);
                    continue;
                }
                try {
                    after.put(document, fold(after.get(document), event));
                } catch (RuntimeException failure) {
                    LOG.errorf("projection %s parks event %s (%s) of %s: %s", projection.name(), event.eventId(),
                            event.eventType(), document, failure.toString());
                    park(script, document, event, failure.toString(), now);
                    nowParked.add(document);
                }
            }
            writeDocuments(script, before, after);
            String next = Checkpoint.of(batch.get(batch.size() - 1)).text();
            return script.run(redis, keys.checkpoint(), stored, next).invoke(() -> {
                stored = next;
                parkedDocuments.addAll(nowParked);
                long nowMillis = System.currentTimeMillis();
                for (RecordedEvent event : batch) {
                    applyDelay.record(Duration.ofMillis(Math.max(0, nowMillis - event.createdAt().toInstant().toEpochMilli())));
                }
            });
        });
    }

    /**
     * Does what operators asked for the documents' parked events: retry applies them again in order, skip first
     * drops the earliest. What applies leaves the parked hash; what fails again stays, with its new error.
     * Written with the unchanged checkpoint, so the fence still holds.
     */
    Uni<Void> serveRequests() {
        return queue.run(() -> redis.hash(String.class).hgetall(keys.requests()).chain(asked -> {
            if (asked.isEmpty()) return Uni.createFrom().voidItem();
            return redis.hash(String.class).hvals(keys.parked()).chain(values -> {
                Map<String, List<String>> byDocument = new HashMap<>();
                for (String v : values) byDocument.computeIfAbsent(ParkedCodec.document(v), d -> new ArrayList<>()).add(v);
                List<String> documents = new ArrayList<>(asked.keySet());
                return read(documents).chain(before -> {
                    Map<String, String> after = new HashMap<>(before);
                    ApplyScript script = new ApplyScript();
                    Set<String> cleared = new HashSet<>();
                    Set<String> skips = new HashSet<>();
                    for (String document : documents) {
                        List<String> parked = new ArrayList<>(byDocument.getOrDefault(document, List.of()));
                        parked.sort(DELIVERY_ORDER);
                        if ("skip".equals(asked.get(document)) && !parked.isEmpty()) {
                            String id = ParkedCodec.event(parked.remove(0)).eventId().toString();
                            script.op("HDEL", keys.parked(), id);
                            script.op("SADD", skippedKey, id);
                            skips.add(id);
                        }
                        if (replay(script, document, parked, after)) cleared.add(document);
                        if ("erase".equals(asked.get(document)) && after.get(document) != null) {
                            after.put(document, projection.withoutPersonalData(after.get(document)));
                        }
                        script.op("HDEL", keys.requests(), document);
                    }
                    writeDocuments(script, before, after);
                    return script.run(redis, keys.checkpoint(), stored, stored.isEmpty() ? Checkpoint.START.text() : stored)
                            .invoke(() -> {
                                if (stored.isEmpty()) stored = Checkpoint.START.text();
                                parkedDocuments.removeAll(cleared);
                                skipped.addAll(skips);
                            });
                });
            });
        }));
    }

    /** Applies a document's parked events in order until one fails again; true when none is left parked. */
    private boolean replay(ApplyScript script, String document, List<String> parked, Map<String, String> after) {
        for (int i = 0; i < parked.size(); i++) {
            RecordedEvent event = ParkedCodec.event(parked.get(i));
            try {
                after.put(document, fold(after.get(document), event));
                script.op("HDEL", keys.parked(), event.eventId().toString());
            } catch (RuntimeException failure) {
                script.op("HSET", keys.parked(), event.eventId().toString(), ParkedCodec.withError(parked.get(i), failure.toString()));
                return false;
            }
        }
        script.op("SREM", keys.parkedDocuments(), document);
        return true;
    }

    private String fold(String current, RecordedEvent event) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                return projection.apply(current, event);
            } catch (RuntimeException failure) {
                last = failure;
            }
        }
        throw last;
    }

    private void park(ApplyScript script, String document, RecordedEvent event, String error, OffsetDateTime now) {
        script.op("HSET", keys.parked(), event.eventId().toString(), ParkedCodec.encode(document, event, error, now));
        script.op("SADD", keys.parkedDocuments(), document);
    }

    private void writeDocuments(ApplyScript script, Map<String, String> before, Map<String, String> after) {
        for (Map.Entry<String, String> e : after.entrySet()) {
            String document = e.getKey();
            String old = before.get(document);
            String now = e.getValue();
            if (now == null || now.equals(old)) continue;
            script.op("SET", keys.document(document), now);
            Set<DocumentProjection.IndexEntry> entries = projection.indexes(document, now);
            for (DocumentProjection.IndexEntry entry : entries) {
                script.op("ZADD", keys.index(entry.index()), Double.toString(entry.score()), entry.member());
            }
            if (old != null) {
                for (DocumentProjection.IndexEntry gone : projection.indexes(document, old)) {
                    boolean kept = entries.stream().anyMatch(x -> x.index().equals(gone.index()) && x.member().equals(gone.member()));
                    if (!kept) script.op("ZREM", keys.index(gone.index()), gone.member());
                }
            }
        }
    }

    private Uni<Map<String, String>> read(List<String> documents) {
        if (documents.isEmpty()) return Uni.createFrom().item(Map.of());
        return redis.execute("MGET", documents.stream().map(keys::document).toArray(String[]::new)).map(r -> {
            Map<String, String> found = new HashMap<>();
            for (int i = 0; i < documents.size(); i++) {
                Response item = r.get(i);
                if (item != null) found.put(documents.get(i), item.toString());
            }
            return found;
        });
    }
}

package io.cloudlab.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit for appends. At most {@code maxInFlight} append statements run at once; appends that
 * arrive meanwhile wait and then go together, as one statement and one commit
 * ({@code event_store.try_append_batch}). Alone, an append goes at once and waits for nothing; under load,
 * the per-statement cost that dominates an append is shared. At most one append per stream goes in a
 * batch. An append the batch did not insert (its stream moved on, belongs to another tenant, ...) and
 * every append of a batch that failed as a whole are settled one by one through the single path, so
 * conflicts, retries and bad streams are reported exactly as for an append made alone.
 */
final class AppendBatcher {

    /** An append ready to be written: validated, personal data sealed. */
    record PendingAppend(String aggregateType, UUID aggregateId, int expectedVersion, List<NewEvent> events,
            EventMetadata metadata) {}

    private record Waiting(PendingAppend append, CompletableFuture<AppendResult> result) {}

    private static final String BATCH = "SELECT append_index, appended, first_position, last_position"
            + " FROM event_store.try_append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private final Pool pool;
    private final int maxInFlight;
    private final int maxEventsPerBatch;
    private final Function<PendingAppend, Uni<AppendResult>> single;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    AppendBatcher(Pool pool, int maxInFlight, int maxEventsPerBatch, Function<PendingAppend, Uni<AppendResult>> single) {
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.maxEventsPerBatch = maxEventsPerBatch;
        this.single = single;
    }

    Uni<AppendResult> submit(PendingAppend append) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<AppendResult> result = new CompletableFuture<>();
            synchronized (this) {
                waiting.add(new Waiting(append, result));
            }
            drain();
            return Uni.createFrom().completionStage(result);
        });
    }

    private void drain() {
        while (true) {
            List<Waiting> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || waiting.isEmpty()) return;
                batch = takeBatch();
                inFlight++;
            }
            Uni<Void> sent = batch.size() == 1 ? settleAlone(batch.get(0)) : sendTogether(batch);
            sent.subscribe().with(ignored -> finished(), failure -> finished());
        }
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
        }
        drain();
    }

    /** The waiting appends, oldest first, one per stream, up to the batch's event budget. */
    private List<Waiting> takeBatch() {
        List<Waiting> batch = new ArrayList<>();
        Set<UUID> streams = new HashSet<>();
        int events = 0;
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            int size = w.append().events().size();
            if (!batch.isEmpty() && events + size > maxEventsPerBatch) break;
            if (streams.add(w.append().aggregateId())) {
                batch.add(w);
                events += size;
                it.remove();
            }
        }
        return batch;
    }

    private Uni<Void> settleAlone(Waiting w) {
        return single.apply(w.append())
                .invoke(w.result()::complete)
                .onFailure().invoke(w.result()::completeExceptionally)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sendTogether(List<Waiting> batch) {
        return pool.preparedQuery(BATCH).execute(arguments(batch))
                .chain(rows -> {
                    List<Uni<Void>> stragglers = new ArrayList<>();
                    for (Row row : rows) {
                        Waiting w = batch.get(row.getInteger("append_index") - 1);
                        PendingAppend a = w.append();
                        if (row.getInteger("appended") == a.events().size()) {
                            w.result().complete(new AppendResult(a.aggregateId(), a.expectedVersion() + a.events().size(),
                                    row.getLong("first_position"), row.getLong("last_position"), false));
                        } else {
                            stragglers.add(settleAlone(w));
                        }
                    }
                    return stragglers.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(stragglers).andCollectFailures().replaceWithVoid();
                })
                // The statement failed as a whole (a lost race at the unique index, a lost connection):
                // nothing of it was written; settle each append on its own.
                .onFailure().recoverWithUni(() -> Uni.join()
                        .all(batch.stream().map(this::settleAlone).toList())
                        .andCollectFailures().replaceWithVoid());
    }

    private static Tuple arguments(List<Waiting> batch) {
        int n = batch.size();
        UUID[] tenants = new UUID[n];
        String[] types = new String[n];
        UUID[] ids = new UUID[n];
        Integer[] expected = new Integer[n];
        Integer[] counts = new Integer[n];
        JsonObject[] metadata = new JsonObject[n];
        List<UUID> eventIds = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        List<Integer> schemas = new ArrayList<>();
        List<JsonObject> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PendingAppend a = batch.get(i).append();
            tenants[i] = a.metadata().tenantId();
            types[i] = a.aggregateType();
            ids[i] = a.aggregateId();
            expected[i] = a.expectedVersion();
            counts[i] = a.events().size();
            metadata[i] = a.metadata().toJson();
            for (NewEvent e : a.events()) {
                eventIds.add(e.eventId());
                eventTypes.add(e.eventType());
                schemas.add(e.schemaVersion());
                data.add(e.data());
            }
        }
        return Tuple.tuple().addArrayOfUUID(tenants).addArrayOfString(types).addArrayOfUUID(ids)
                .addArrayOfInteger(expected).addArrayOfInteger(counts).addArrayOfJsonObject(metadata)
                .addArrayOfUUID(eventIds.toArray(UUID[]::new)).addArrayOfString(eventTypes.toArray(String[]::new))
                .addArrayOfInteger(schemas.toArray(Integer[]::new)).addArrayOfJsonObject(data.toArray(JsonObject[]::new));
    }
}

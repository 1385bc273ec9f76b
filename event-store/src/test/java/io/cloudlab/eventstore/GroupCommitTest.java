package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static io.cloudlab.eventstore.AppendAndLoadTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict;
import io.cloudlab.eventstore.EventStoreException.StreamNotFound;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Appends that arrive together are written together (one statement), and each keeps its own outcome:
 * new streams, existing ones, a stale one that conflicts, one of another tenant, one retried.
 */
class GroupCommitTest extends RealDatabaseTest {

    @Test
    void aBurstOfAppendsIsWrittenTogetherAndEachGetsItsOwnOutcome() throws Exception {
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE);
        UUID tenant = UUID.randomUUID();
        EventMetadata metadata = EventMetadata.forTenant(tenant);
        List<UUID> existing = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID id : existing) await(store.append("TestOrder", id, 0, List.of(event("OrderPlaced", 1)), metadata));
        UUID stale = existing.get(0);
        UUID foreign = UUID.randomUUID();
        await(store.append("TestOrder", foreign, 0, List.of(event("OrderPlaced", 1)), EventMetadata.forTenant(UUID.randomUUID())));
        List<NewEvent> retried = List.of(event("OrderPaid", 1));
        UUID retriedStream = existing.get(1);
        AppendResult first = await(store.append("TestOrder", retriedStream, 1, retried, metadata));

        List<Uni<Object>> burst = new ArrayList<>();
        List<UUID> fresh = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID id : fresh) burst.add(outcome(store.append("TestOrder", id, 0, List.of(event("A", 1), event("B", 1)), metadata)));
        for (UUID id : existing.subList(2, 20)) burst.add(outcome(store.append("TestOrder", id, 1, List.of(event("OrderPaid", 1)), metadata)));
        burst.add(outcome(store.append("TestOrder", stale, 0, List.of(event("OrderPlaced", 1)), metadata)));
        burst.add(outcome(store.append("TestOrder", foreign, 1, List.of(event("Stolen", 1)), metadata)));
        burst.add(outcome(store.append("TestOrder", retriedStream, 1, retried, metadata)));
        List<Object> outcomes = await(Uni.join().all(burst).andFailFast());

        for (int i = 0; i < 20; i++) assertEquals(2, ((AppendResult) outcomes.get(i)).streamVersion());
        for (int i = 20; i < 38; i++) assertEquals(2, ((AppendResult) outcomes.get(i)).streamVersion());
        assertInstanceOf(ConcurrencyConflict.class, outcomes.get(38));
        assertInstanceOf(StreamNotFound.class, outcomes.get(39));
        AppendResult replay = (AppendResult) outcomes.get(40);
        assertTrue(replay.replayed());
        assertEquals(first.lastPosition(), replay.lastPosition());

        for (UUID id : fresh) {
            assertEquals(List.of(1, 2), await(store.load(tenant, id)).events().stream().map(RecordedEvent::version).toList());
        }
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", foreign));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", stale));
        assertEquals(2, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", retriedStream));
        // Written together: the twenty new streams' events were appended by fewer transactions than appends.
        long transactions = TestDatabase.scalar("SELECT count(DISTINCT transaction_id) FROM event_store.events"
                + " WHERE aggregate_id = ANY (?)", TestDatabase.uuidArray(fresh));
        assertTrue(transactions < fresh.size(), "grouped into " + transactions + " transactions");
    }

    private static Uni<Object> outcome(Uni<AppendResult> append) {
        return append.map(r -> (Object) r).onFailure().recoverWithItem(f -> f);
    }
}

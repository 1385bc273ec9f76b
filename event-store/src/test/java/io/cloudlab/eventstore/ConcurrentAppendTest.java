package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static io.cloudlab.eventstore.AppendAndLoadTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many writers, one stream, real PostgreSQL: each version is written once, every loser hears why. */
class ConcurrentAppendTest extends RealDatabaseTest {

    static final int WRITERS = 16;
    static final int ROUNDS = 25;
    static EventStore store;

    @BeforeAll
    static void start() {
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE);
    }


    @Test
    void ofManyWritersExpectingTheSameVersionExactlyOneWinsEachRound() throws Exception {
        UUID order = UUID.randomUUID();
        EventMetadata metadata = EventMetadata.forTenant(UUID.randomUUID());
        List<Long> winnersPerRound = new ArrayList<>();
        int conflicts = 0;

        for (int round = 0; round < ROUNDS; round++) {
            int expected = round;
            List<Uni<Boolean>> racers = IntStream.range(0, WRITERS)
                    .mapToObj(w -> store.append("TestOrder", order, expected, List.of(event("Raced", 1)), metadata)
                            .map(result -> true)
                            .onFailure(ConcurrencyConflict.class).recoverWithItem(false))
                    .toList();
            List<Boolean> outcomes = await(Uni.join().all(racers).andFailFast());
            long won = outcomes.stream().filter(b -> b).count();
            winnersPerRound.add(won);
            conflicts += (int) (WRITERS - won);
        }

        assertEquals(java.util.Collections.nCopies(ROUNDS, 1L), winnersPerRound);
        assertEquals(ROUNDS * (WRITERS - 1), conflicts);
        assertEquals(ROUNDS, TestDatabase.scalar(
                "SELECT count(DISTINCT event_version) FROM event_store.events WHERE aggregate_id = ?", order));
        assertEquals(ROUNDS, TestDatabase.scalar(
                "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", order));
        assertEquals(ROUNDS, TestDatabase.scalar(
                "SELECT max(event_version) FROM event_store.events WHERE aggregate_id = ?", order));
        assertEquals(ROUNDS, await(store.load(metadata.tenantId(), order)).version());
    }
}

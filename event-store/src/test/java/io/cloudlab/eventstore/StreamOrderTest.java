package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery order is each stream's order even when the transaction that appends a stream's next event took
 * its id before the one that appended the event before it (V8): a service that writes its inbox row or locks
 * its own row first, then appends, does exactly that.
 */
class StreamOrderTest extends RealDatabaseTest {

    static final String TYPE = "StreamOrder";
    static EventStore store;
    final EventMetadata metadata = EventMetadata.forTenant(UUID.randomUUID());

    @BeforeAll
    static void start() {
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(TYPE), io.cloudlab.eventstore.upcasting.Upcasters.NONE);
    }

    @Test
    void anAppendByAnOlderTransactionIsDeliveredAfterTheEventItFollows() {
        UUID stream = UUID.randomUUID();
        SqlConnection older = await(pool.getConnection());
        try {
            Transaction tx = await(older.begin());
            long olderId = await(older.query("SELECT pg_current_xact_id()::text::bigint AS id").execute())
                    .iterator().next().getLong("id");

            // A younger transaction appends version 1 and commits first.
            AppendResult first = await(store.append(TYPE, stream, 0, List.of(NewEvent.of("Created", new JsonObject())), metadata));
            // The older one appends version 2 after it, then commits.
            await(store.appendWithin(older, TYPE, stream, 1, List.of(NewEvent.of("Changed", new JsonObject())), metadata));
            await(tx.commit());

            // Readable once every older transaction of the cluster has ended: another client's (a platform or a
            // load test on the same server) may still be open for a moment.
            List<Row> delivered = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> delivered(stream), rows -> rows.size() >= 2);
            assertEquals(List.of(1, 2), delivered.stream().map(r -> r.getInteger("event_version")).toList(),
                    "delivered in stream order");
            long recordedForV2 = delivered.get(1).getLong("txid");
            assertTrue(recordedForV2 > olderId, "version 2 records its predecessor's id, not its own older one");
            assertTrue(first.lastPosition() < delivered.get(1).getLong("event_position"));
        } finally {
            older.closeAndForget();
        }
    }

    private List<Row> delivered(UUID stream) {
        List<Row> rows = new ArrayList<>();
        for (Row row : await(pool.preparedQuery("SELECT transaction_id::text::bigint AS txid, event_position, event_version,"
                        + " aggregate_id FROM event_store.read_committed('0'::xid8, 0, 100000, $1, NULL)")
                .execute(Tuple.of(new String[] {TYPE})))) {
            if (row.getUUID("aggregate_id").equals(stream)) rows.add(row);
        }
        return rows;
    }
}

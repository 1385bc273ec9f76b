package io.cloudlab.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.subscription.EventBatchHandler;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The skip-free promise: writers that commit out of order (random delays before COMMIT, some rolled
 * back) while a subscriber reads; the subscriber is killed mid-batch and a new one resumes. What was
 * delivered must equal, in order and count, the committed events read back at the end.
 */
class SubscriptionTest extends RealDatabaseTest {

    static final int WRITERS = 6;
    static final int TRANSACTIONS_PER_WRITER = 40;



    @Test
    void deliversEveryCommittedEventInOrderDespiteLateCommitsRollbacksAndACrash() throws Exception {
        String type = "SkipProbe" + UUID.randomUUID().toString().substring(0, 8);
        String name = "test-" + type;
        List<List<UUID>> deliveredPerRunner = List.of(Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        List<List<long[]>> ordersPerRunner = List.of(Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        AtomicBoolean crashed = new AtomicBoolean();
        int crashAfter = WRITERS * TRANSACTIONS_PER_WRITER / 3;

        SubscriptionOptions options = SubscriptionOptions.named(name, SubscriptionFilter.aggregateTypes(type))
                .batchSize(7).pollInterval(Duration.ofMillis(200)).retryBackoff(Duration.ofMillis(200));
        SubscriptionRunner[] first = new SubscriptionRunner[1];
        first[0] = runner(options, batch -> {
            batch.forEach(e -> {
                deliveredPerRunner.get(0).add(e.eventId());
                ordersPerRunner.get(0).add(new long[] {e.transactionId(), e.position()});
            });
            if (deliveredPerRunner.get(0).size() >= crashAfter && crashed.compareAndSet(false, true)) {
                // Dies mid-batch: the batch was seen but its checkpoint is never written.
                first[0].stop().subscribe().with(ignored -> { });
                return Uni.createFrom().failure(new IllegalStateException("crash"));
            }
            return Uni.createFrom().voidItem();
        });
        first[0].start();

        List<Uni<Void>> writers = IntStream.range(0, WRITERS).mapToObj(w -> writer(type)).toList();
        Uni.join().all(writers).andFailFast().await().atMost(Duration.ofMinutes(3));

        await().atMost(Duration.ofSeconds(120)).until(crashed::get);
        SubscriptionRunner second = runner(options, batch -> {
            batch.forEach(e -> {
                deliveredPerRunner.get(1).add(e.eventId());
                ordersPerRunner.get(1).add(new long[] {e.transactionId(), e.position()});
            });
            return Uni.createFrom().voidItem();
        });
        second.start();

        List<UUID> committed = committedInStoreOrder(type);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> distinct(deliveredPerRunner).size() >= committed.size());
        } finally {
            second.stop().await().indefinitely();
        }
        assertTrue(committed.size() > WRITERS * TRANSACTIONS_PER_WRITER / 2, "most transactions committed");
        assertEquals(committed, distinct(deliveredPerRunner), "delivered = committed, in order and count");
        ordersPerRunner.forEach(SubscriptionTest::assertStrictlyIncreasing);
        int redelivered = deliveredPerRunner.get(0).size() + deliveredPerRunner.get(1).size() - committed.size();
        assertTrue(redelivered >= 1 && redelivered <= 7, "only the crashed batch comes again: " + redelivered);
    }

    private SubscriptionRunner runner(SubscriptionOptions options, EventBatchHandler handler) {
        return new SubscriptionRunner(vertx, TestDatabase.serviceConnectOptions(), options, handler, Upcasters.NONE,
                TestDatabase.personalData(pool));
    }

    /** Transactions that append 1-3 events to a new stream, sleep before COMMIT, and one in five roll back. */
    private Uni<Void> writer(String type) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < TRANSACTIONS_PER_WRITER; i++) {
            chain = chain.chain(() -> oneTransaction(type).onFailure().recoverWithNull().replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> oneTransaction(String type) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int events = 1 + random.nextInt(3);
        double delaySeconds = random.nextInt(40) / 1000.0;
        boolean rollBack = random.nextInt(5) == 0;
        UUID[] ids = IntStream.range(0, events).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT outcome FROM event_store.append_events($1, $2, $3, 0, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(type).addUUID(UUID.randomUUID())
                        .addArrayOfUUID(ids)
                        .addArrayOfString(Collections.nCopies(events, "Probed").toArray(String[]::new))
                        .addArrayOfInteger(Collections.nCopies(events, 1).toArray(Integer[]::new))
                        .addArrayOfJsonObject(IntStream.range(0, events)
                                .mapToObj(i -> new JsonObject().put("i", i)).toArray(JsonObject[]::new))
                        .addJsonObject(new JsonObject()))
                .chain(() -> conn.preparedQuery("SELECT pg_sleep($1)").execute(Tuple.of(delaySeconds)))
                .chain(() -> rollBack ? Uni.createFrom().failure(new IllegalStateException("roll back"))
                        : Uni.createFrom().voidItem()));
    }

    private static List<UUID> committedInStoreOrder(String type) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (var c = TestDatabase.platformConnection(); var ps = c.prepareStatement(
                "SELECT event_id FROM event_store.events WHERE aggregate_type = ? ORDER BY transaction_id, position")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static List<UUID> distinct(List<List<UUID>> perRunner) {
        LinkedHashSet<UUID> all = new LinkedHashSet<>();
        perRunner.forEach(list -> { synchronized (list) { all.addAll(list); } });
        return new ArrayList<>(all);
    }

    private static void assertStrictlyIncreasing(List<long[]> order) {
        for (int i = 1; i < order.size(); i++) {
            long[] a = order.get(i - 1), b = order.get(i);
            assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]), "delivery order broken at " + i);
        }
    }
}

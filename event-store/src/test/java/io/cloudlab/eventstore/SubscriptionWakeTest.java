package io.cloudlab.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How appends wake subscriptions: at once for the types they read (the poll here is far longer than any
 * wait allowed), for a lingering subscription in few batches however many appends arrive, and, for an event an
 * older transaction holds back, by the rechecks that follow a read, since that transaction's end notifies nobody.
 */
class SubscriptionWakeTest extends RealDatabaseTest {

    private static final Duration NEVER_POLLS = Duration.ofSeconds(30);

    @Test
    void anAppendWakesTheSubscriptionOfItsTypeAtOnceDespiteAppendsOfOtherTypes() {
        String type = "WakeProbe" + suffix(), other = "OtherProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type, other), Upcasters.NONE);
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(NEVER_POLLS), delivered, new CopyOnWriteArrayList<>());
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(runner::isActive);
            UUID tenant = UUID.randomUUID();
            for (int i = 0; i < 20; i++) append(store, other, tenant);
            // Idle for a while, its rechecks are seconds apart: only a notification delivers within a second.
            await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
            long started = System.nanoTime();
            append(store, type, tenant);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 1000, "woken by the append, not a recheck: " + millis + " ms");
            assertEquals(type, delivered.get(0).aggregateType(), "only its own type");
        } finally {
            runner.stop().await().indefinitely();
        }
    }

    @Test
    void aLingeringSubscriptionGathersAppendsIntoFewBatches() {
        String type = "LingerProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(NEVER_POLLS).linger(Duration.ofMillis(400)), delivered, batches);
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(runner::isActive);
            UUID tenant = UUID.randomUUID();
            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) append(store, type, tenant);
            long appendMillis = (System.nanoTime() - started) / 1_000_000;
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 30);
            // The first append is read at once; the rest arrive while the subscription lingers after it.
            int allowed = 2 + (int) (appendMillis / 400);
            assertTrue(batches.size() <= allowed, "batches " + batches + " for appends over " + appendMillis + " ms");
        } finally {
            runner.stop().await().indefinitely();
        }
    }

    @Test
    void anEventHeldBackByATransactionThatSendsNoNotificationIsDeliveredByARecheckOnceItEnds() {
        String type = "HeldProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(NEVER_POLLS), delivered, new CopyOnWriteArrayList<>());
        runner.start();
        SqlConnection blocker = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            await().atMost(Duration.ofSeconds(10)).until(runner::isActive);
            // An older transaction with an id that appends nothing (an inbox row, a checkpoint): it holds back
            // every event committed after it started, and its end notifies nobody.
            Transaction older = blocker.begin().await().atMost(Duration.ofSeconds(10));
            blocker.query("SELECT pg_current_xact_id()").execute().await().atMost(Duration.ofSeconds(10));
            append(store, type, UUID.randomUUID());
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertTrue(delivered.isEmpty(), "held back behind the older transaction");
            long ended = System.nanoTime();
            older.commit().await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
            long millis = (System.nanoTime() - ended) / 1_000_000;
            assertTrue(millis < 2000, "rechecked, not left for the next poll: " + millis + " ms");
        } finally {
            blocker.closeAndAwait();
            runner.stop().await().indefinitely();
        }
    }

    /** Delivers into {@code into}, and each batch's size into {@code batchSizes}. */
    private SubscriptionRunner runner(SubscriptionOptions options, List<RecordedEvent> into, List<Integer> batchSizes) {
        return new SubscriptionRunner(vertx, TestDatabase.serviceConnectOptions(), options, batch -> {
            batchSizes.add(batch.size());
            into.addAll(batch);
            return Uni.createFrom().voidItem();
        }, Upcasters.NONE, TestDatabase.personalData(pool));
    }

    private static void append(EventStore store, String type, UUID tenant) {
        store.append(type, UUID.randomUUID(), 0, List.of(NewEvent.of("Probed", new JsonObject().put("n", 1))),
                EventMetadata.forTenant(tenant)).await().atMost(Duration.ofSeconds(10));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

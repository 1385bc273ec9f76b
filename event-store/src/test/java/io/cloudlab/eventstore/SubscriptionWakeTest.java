package io.cloudlab.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * How appends wake subscriptions: at once for the types they read, for a lingering subscription in few batches
 * however many appends arrive, and, for an event an older transaction holds back, by the rechecks that follow
 * a read, since that transaction's end notifies nobody.
 *
 * <p>The runners here run on a {@link StillClock}: their timers (rechecks, poll, linger) fire only when the test
 * fires them. So what a runner reads without one, a notification woke it for, and no assertion depends on how
 * fast the machine is.
 */
class SubscriptionWakeTest extends RealDatabaseTest {

    private static final Duration POLL = Duration.ofMinutes(1);
    private static final Duration LINGER = Duration.ofMillis(400);
    /** A bound on waiting for what must happen, never a measure of speed. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anAppendWakesTheSubscriptionOfItsTypeAtOnceDespiteAppendsOfOtherTypes() {
        String type = "WakeProbe" + suffix(), other = "OtherProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type, other), Upcasters.NONE);
        StillClock clock = new StillClock(vertx);
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(clock.vertx, SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(POLL), delivered, new CopyOnWriteArrayList<>());
        runner.start();
        try {
            await().atMost(WAIT).until(runner::isActive);
            // Its first read found nothing; the timer it set then never fires.
            StillClock.Timer idle = clock.awaitTimer(t -> true);
            UUID tenant = UUID.randomUUID();
            for (int i = 0; i < 20; i++) append(store, other, tenant);
            long afterIdle = clock.nextId();
            append(store, type, tenant);
            // Only a notification can make it read now. The read it woke for may find the event still held back
            // by some older transaction elsewhere on the server: the rechecks that read sets may fire.
            await().atMost(WAIT).until(() -> {
                clock.fire(t -> t.id() >= afterIdle);
                return !delivered.isEmpty();
            });
            assertFalse(clock.isPending(idle), "woken by the notification, which ended its wait");
            assertEquals(1, delivered.size(), "only its own type: " + delivered);
            assertEquals(type, delivered.get(0).aggregateType(), "only its own type");
        } finally {
            runner.stop().await().indefinitely();
        }
    }

    @Test
    void aLingeringSubscriptionGathersAppendsIntoFewBatches() {
        String type = "LingerProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
        StillClock clock = new StillClock(vertx);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(clock.vertx, SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(POLL).linger(LINGER), delivered, batches);
        runner.start();
        try {
            await().atMost(WAIT).until(runner::isActive);
            UUID tenant = UUID.randomUUID();
            append(store, type, tenant);
            // The first append is read at once (or by a recheck, if something else held it back a moment)...
            await().atMost(WAIT).until(() -> {
                clock.fire(t -> t.delayMillis() != LINGER.toMillis());
                return delivered.size() == 1;
            });
            // ...and then it lingers, for as long as the test lets it.
            StillClock.Timer lingering = clock.awaitTimer(t -> t.delayMillis() == LINGER.toMillis());
            for (int i = 0; i < 29; i++) append(store, type, tenant);
            assertEquals(List.of(1), batches, "no read while it lingers, however many appends notify it");
            // When the linger ends, one read gathers every append made meanwhile; first let any older transaction
            // elsewhere on the server that holds some of them back end, so that this read cannot miss any.
            await().atMost(WAIT).until(() -> readableAfter(delivered.get(0), type) == 29);
            clock.fire(lingering);
            await().atMost(WAIT).until(() -> delivered.size() == 30);
            assertEquals(List.of(1, 29), batches);
        } finally {
            runner.stop().await().indefinitely();
        }
    }

    @Test
    void anEventHeldBackByATransactionThatSendsNoNotificationIsDeliveredByARecheckOnceItEnds() {
        String type = "HeldProbe" + suffix();
        EventStore store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
        StillClock clock = new StillClock(vertx);
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        SubscriptionRunner runner = runner(clock.vertx, SubscriptionOptions.named("test-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(POLL), delivered, new CopyOnWriteArrayList<>());
        runner.start();
        SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
        try {
            await().atMost(WAIT).until(runner::isActive);
            // A quiet spell: each empty read waits twice as long as the one before, until it waits for the poll.
            StillClock.Timer poll = clock.awaitTimer(t -> true);
            while (poll.delayMillis() < POLL.toMillis()) {
                long previous = poll.id();
                clock.fire(poll);
                poll = clock.awaitTimer(t -> t.id() > previous);
            }
            // An older transaction with an id that appends nothing (an inbox row, a checkpoint): it holds back
            // every event committed after it started, and its end notifies nobody.
            Transaction older = blocker.begin().await().atMost(WAIT);
            blocker.query("SELECT pg_current_xact_id()").execute().await().atMost(WAIT);
            append(store, type, UUID.randomUUID());
            // The append's notification wakes it; its read finds nothing yet, and it rechecks soon, not at the poll.
            long afterPoll = poll.id();
            StillClock.Timer recheck = clock.awaitTimer(t -> t.id() > afterPoll);
            assertFalse(clock.isPending(poll), "woken by the notification");
            assertTrue(recheck.delayMillis() < POLL.toMillis(), "a recheck, not left for the next poll: " + recheck);
            assertTrue(delivered.isEmpty(), "held back behind the older transaction");
            clock.fire(recheck);
            StillClock.Timer next = clock.awaitTimer(t -> t.id() > recheck.id());
            assertTrue(delivered.isEmpty(), "still held back at the recheck");
            assertTrue(next.delayMillis() < POLL.toMillis(), "rechecking, not left for the next poll: " + next);

            older.commit().await().atMost(WAIT);
            // Nothing notifies now: the rechecks find it (more than one if something else holds it back a moment).
            await().atMost(WAIT).until(() -> {
                clock.fire(t -> true);
                return delivered.size() == 1;
            });
        } finally {
            blocker.closeAndAwait();
            runner.stop().await().indefinitely();
        }
    }

    /** Delivers into {@code into}, and each batch's size into {@code batchSizes}. */
    private SubscriptionRunner runner(Vertx on, SubscriptionOptions options, List<RecordedEvent> into, List<Integer> batchSizes) {
        return new SubscriptionRunner(on, TestDatabase.serviceConnectOptions(), options, batch -> {
            batchSizes.add(batch.size());
            into.addAll(batch);
            return Uni.createFrom().voidItem();
        }, Upcasters.NONE, TestDatabase.personalData(pool));
    }

    private static void append(EventStore store, String type, UUID tenant) {
        store.append(type, UUID.randomUUID(), 0, List.of(NewEvent.of("Probed", new JsonObject().put("n", 1))),
                EventMetadata.forTenant(tenant)).await().atMost(WAIT);
    }

    /** How many events of {@code type} after {@code after} a subscription's read would find now. */
    private static long readableAfter(RecordedEvent after, String type) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store.read_committed($1::bigint::text::xid8, $2, 1000, $3, NULL)")
                .execute(Tuple.tuple().addLong(after.transactionId()).addLong(after.position())
                        .addArrayOfString(new String[] {type}))
                .await().atMost(WAIT).iterator().next().getLong("n");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A Vert.x whose timers fire only when the test fires them (everything else is the real one's): a clock that
     * stands still for the runner that uses it.
     */
    static final class StillClock implements InvocationHandler {

        record Timer(long id, long delayMillis, Context context, Handler<Long> handler) {
            @Override
            public String toString() {
                return "timer " + id + " of " + delayMillis + " ms";
            }
        }

        final Vertx vertx;
        private final io.vertx.core.Vertx real;
        private final Map<Long, Timer> pending = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        StillClock(Vertx real) {
            this.real = real.getDelegate();
            this.vertx = Vertx.newInstance((io.vertx.core.Vertx) Proxy.newProxyInstance(
                    StillClock.class.getClassLoader(), new Class<?>[] {io.vertx.core.Vertx.class}, this));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("setTimer") && args.length == 2) {
                long id = ids.getAndIncrement();
                Context context = io.vertx.core.Vertx.currentContext();
                pending.put(id, new Timer(id, (Long) args[0], context != null ? context : real.getOrCreateContext(),
                        (Handler<Long>) args[1]));
                return id;
            }
            if (method.getName().equals("cancelTimer") && args.length == 1) {
                return pending.remove((Long) args[0]) != null;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** The id the next timer will get. */
        long nextId() {
            return ids.get();
        }

        boolean isPending(Timer timer) {
            return pending.containsKey(timer.id());
        }

        /** The earliest set of the pending timers that match, once there is one. */
        Timer awaitTimer(Predicate<Timer> which) {
            return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(
                    () -> pending.values().stream().filter(which).min(Comparator.comparingLong(Timer::id)),
                    Optional::isPresent).orElseThrow();
        }

        /** Fires every pending timer that matches, as if its delay had passed. */
        void fire(Predicate<Timer> which) {
            pending.values().stream().filter(which).toList().forEach(this::fire);
        }

        /** On the context that set it, as Vert.x would, unless it is cancelled before its turn comes. */
        void fire(Timer timer) {
            timer.context().runOnContext(v -> {
                if (pending.remove(timer.id()) != null) timer.handler().handle(timer.id());
            });
        }
    }
}

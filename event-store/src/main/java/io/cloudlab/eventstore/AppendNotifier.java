package io.cloudlab.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wakes subscriptions (in every process) after appends commit, with at most one NOTIFY per window; its
 * payload names the aggregate types appended, so a subscription reads only when something it delivers may
 * have arrived.
 *
 * <p>Why not NOTIFY inside the append: PostgreSQL holds a cluster-wide lock from a notifying transaction's
 * commit until its WAL is flushed, so every append would commit one after the other. Here an append only
 * records its type. The first append after a quiet window sends a NOTIFY at once; appends committed within
 * the window after it share one more, sent when the window ends. Idle, a NOTIFY leaves as soon as the append
 * committed; busy, there is one per window however many appends commit (see {@link #WINDOW}). Subscriptions
 * also poll, so a lost NOTIFY (a crash before it was sent) delays delivery by at most one poll interval and
 * loses nothing.
 *
 * <p>Why the payload: every subscription of every service listens on one channel, and each read on every
 * append, of any type: ~500 reads a second at 3 orders/s (pg_stat_statements during deploy/load/run), most of
 * them finding nothing.
 */
public final class AppendNotifier {

    public static final String CHANNEL = "event_store_appended";
    /** Separates aggregate types in a payload; no aggregate type contains it. */
    public static final String SEPARATOR = ",";
    /** PostgreSQL refuses payloads of 8000 bytes or more; past this, send none (wakes everyone). */
    private static final int MAX_PAYLOAD = 7000;

    /**
     * Appends within this long after a NOTIFY share the next one: at most ten a second per service. Why so few:
     * a NOTIFY is a transaction with an id of its own, each signals every listening connection, and PostgreSQL
     * runs notifying commits one at a time under one lock. At 5 ms (up to 200 a second per service) POST
     * /orders took p50 312 ms instead of 29 at 3 orders/s with the CPU half idle, and 12 orders/s offered
     * carried 5.8 (deploy/load/run, docs/performance.md). Under load the subscriptions' rechecks find the events
     * (every 5 ms after a page that had some); the NOTIFY is for waking them from idle, and the first append
     * after a quiet window sends it at once.
     */
    static final Duration WINDOW = Duration.ofMillis(100);

    private final Pool pool;
    private final long windowNanos;
    private final Set<String> pending = new TreeSet<>();
    private boolean scheduled;
    private long lastSent;

    public AppendNotifier(Pool pool, Duration window) {
        this.pool = pool;
        this.windowNanos = window.toNanos();
        this.lastSent = System.nanoTime() - windowNanos;
    }

    /** Called after an append of {@code aggregateType} committed. */
    void appended(String aggregateType) {
        long wait;
        synchronized (this) {
            pending.add(aggregateType);
            if (scheduled) return;
            scheduled = true;
            wait = lastSent + windowNanos - System.nanoTime();
        }
        if (wait <= 0) {
            send();
        } else {
            // Sent on failure too: a delay that never fires would leave `scheduled` set, and this service's
            // appends would never notify again (subscriptions then learn of them only by polling).
            Uni.createFrom().voidItem().onItem().delayIt().by(delayOf(wait))
                    .subscribe().with(ignored -> send(), failure -> send());
        }
    }

    /**
     * Whole milliseconds, at least one. Why: under Quarkus, Mutiny's delays are Vert.x timers, which refuse a
     * delay under 1 ms ("Cannot schedule a timer with delay < 1 ms"); a wait of a few microseconds left of the
     * window failed, the failure was dropped, and from then on every append of the service skipped its NOTIFY.
     * Found in deploy/chaos/run's logs; it is the likely cause of the commit -> Kafka hops that measured 3 ms in
     * one run and 40-69 ms in the next on the same build (docs/performance.md).
     */
    static Duration delayOf(long waitNanos) {
        return Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000));
    }

    private void send() {
        String payload;
        synchronized (this) {
            // Cleared before sending: appends committing from here on need (and get) another NOTIFY.
            scheduled = false;
            lastSent = System.nanoTime();
            payload = takePending();
        }
        try {
            pool.query(notifyStatement(payload)).execute()
                    .subscribe().with(ignored -> { }, failure -> { /* subscriptions poll as well */ });
        } catch (RuntimeException closed) {
            // The pool is closing (shutdown): the append this follows committed all the same, and must not fail.
        }
    }

    /**
     * One round trip, and a commit that does not wait for its WAL flush. Why: a NOTIFY takes a transaction id
     * (the notification queue records it), so each was a transaction of its own with a synchronous commit, up to
     * 200 a second per service; nothing is lost if one is: subscriptions recheck and poll.
     */
    static String notifyStatement(String payload) {
        return "BEGIN; SET LOCAL synchronous_commit TO off; SELECT pg_notify('" + CHANNEL + "', '"
                + payload.replace("'", "''") + "'); COMMIT";
    }

    private String takePending() {
        String payload = String.join(SEPARATOR, pending);
        pending.clear();
        return payload.length() > MAX_PAYLOAD ? "" : payload;
    }

    /**
     * Whether a notification may concern a reader of {@code aggregateTypes} (null: every type). An empty
     * payload (too many types, or an older writer's bare NOTIFY) concerns everyone.
     */
    public static boolean concerns(String payload, Set<String> aggregateTypes) {
        if (aggregateTypes == null || payload == null || payload.isEmpty()) return true;
        for (String type : payload.split(SEPARATOR)) {
            if (aggregateTypes.contains(type)) return true;
        }
        return false;
    }
}

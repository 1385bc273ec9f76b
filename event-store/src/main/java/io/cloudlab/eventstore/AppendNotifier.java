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
 * <p>Why the payload: every subscription of every service listens on one channel, and without it each would
 * read on every append, of any type, mostly finding nothing.
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
     * runs notifying commits one at a time under one lock, so a short window (5 ms: up to 200 a second per
     * service) leaves requests waiting on those commits with the CPU half idle (docs/performance.md, "Third
     * account"). Under load the subscriptions' rechecks find the events
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
     * delay under 1 ms ("Cannot schedule a timer with delay < 1 ms"), so a wait of a few microseconds left of
     * the window would fail instead of waiting.
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
     * (the notification queue records it), so each is a transaction of its own, and it need not wait for the
     * disk: nothing is lost if one is lost, since subscriptions recheck and poll.
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

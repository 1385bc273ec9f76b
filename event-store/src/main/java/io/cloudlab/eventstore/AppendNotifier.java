package io.cloudlab.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
 * committed (a window before every NOTIFY, as this had, added 5 ms to each hop of a saga); busy, there is one
 * per window however many appends commit (one per append, tried, cost more than it saved: every listening
 * connection is signalled for each). Subscriptions also poll, so a lost NOTIFY (a crash before it was sent)
 * delays delivery by at most one poll interval and loses nothing.
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

    /** Appends within this long after a NOTIFY share the next one. */
    static final Duration WINDOW = Duration.ofMillis(5);

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
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait))
                    .subscribe().with(ignored -> send());
        }
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
            pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
                    .subscribe().with(ignored -> { }, failure -> { /* subscriptions poll as well */ });
        } catch (RuntimeException closed) {
            // The pool is closing (shutdown): the append this follows committed all the same, and must not fail.
        }
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

package io.cloudlab.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes subscriptions (in every process) after appends commit, with at most one NOTIFY per window.
 *
 * <p>Why not NOTIFY inside the append: PostgreSQL holds a cluster-wide lock from a notifying transaction's
 * commit until its WAL is flushed, so every append would commit one after the other. Here an append only
 * flips a flag; the first append of a window schedules one NOTIFY, sent in its own statement after the
 * window, which covers every append committed before it. Subscriptions also poll, so a lost NOTIFY (a
 * crash inside the window) delays delivery by at most one poll interval and loses nothing.
 */
public final class AppendNotifier {

    public static final String CHANNEL = "event_store_appended";

    private final Pool pool;
    private final Duration window;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public AppendNotifier(Pool pool, Duration window) {
        this.pool = pool;
        this.window = window;
    }

    /** Called after an append committed. */
    void appended() {
        if (!scheduled.compareAndSet(false, true)) return;
        Uni.createFrom().voidItem()
                .onItem().delayIt().by(window)
                // Cleared before sending: appends committing from here on need (and get) another NOTIFY.
                .invoke(() -> scheduled.set(false))
                .chain(() -> pool.query("NOTIFY " + CHANNEL).execute())
                .subscribe().with(ignored -> { }, failure -> { /* subscriptions poll as well */ });
    }
}

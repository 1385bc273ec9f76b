package io.cloudlab.eventstore.subscription;

import io.cloudlab.eventstore.AppendNotifier;
import io.cloudlab.eventstore.EventRows;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one named subscription: delivers every committed event that passes its filter, in the store's
 * global order, at least once, resuming from its checkpoint.
 *
 * <p>It holds one dedicated connection for its whole life, for three reasons: the session-level advisory
 * lock on that connection makes it the only instance of this subscription across every process (when the
 * process dies, PostgreSQL drops the connection and the lock, and a standby takes over); LISTEN on it wakes
 * the subscription as soon as an append commits; and reads never wait for a pool slot.
 *
 * <p>All state lives on the Vert.x context the runner was started on; continuations are brought back to it.
 */
public final class SubscriptionRunner {

    private static final Logger LOG = Logger.getLogger(SubscriptionRunner.class.getName());
    private static final long FIRST_RECHECK_MILLIS = 5;
    static final String CHANNEL = AppendNotifier.CHANNEL;
    private static final String READ = "SELECT " + EventRows.READ_COMMITTED_COLUMNS
            + " FROM event_store.read_committed($1::bigint::text::xid8, $2, $3, $4, $5)";

    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    private final SubscriptionOptions options;
    private final EventBatchHandler handler;
    private final Upcasters upcasters;
    private final PersonalDataCodec personalData;

    private Context context;
    private PgConnection connection;
    private Checkpoint checkpoint = Checkpoint.START;
    private boolean running;
    private boolean active;
    private boolean pumping;
    private boolean wakeRequested;
    /** Waiting out {@link SubscriptionOptions#linger()} after a batch: the timer reads next, not a wake. */
    private boolean lingering;
    private long pollTimer = -1;
    /** Empty reads in a row since the last page that had events: the next read waits longer each time. */
    private int emptyReads;
    private long generation;

    public SubscriptionRunner(Vertx vertx, PgConnectOptions connectOptions, SubscriptionOptions options,
            EventBatchHandler handler, Upcasters upcasters, PersonalDataCodec personalData) {
        this.vertx = vertx;
        this.connectOptions = connectOptions;
        this.options = options;
        this.handler = handler;
        this.upcasters = upcasters;
        this.personalData = personalData;
    }

    public String name() {
        return options.name();
    }

    /** Starts competing for the subscription; returns at once. */
    public void start() {
        context = vertx.getDelegate().getOrCreateContext();
        context.runOnContext(v -> {
            running = true;
            connect();
        });
    }

    /** Stops after the batch in hand (if any); releases the lock so another instance can take over. */
    public Uni<Void> stop() {
        if (context == null) return Uni.createFrom().voidItem();
        return Uni.createFrom().emitter(done -> context.runOnContext(v -> {
            running = false;
            release();
            done.complete(null);
        }));
    }

    /** True while this instance holds the subscription's lock and delivers. */
    public boolean isActive() {
        return active;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    private void connect() {
        if (!running) return;
        long attempt = ++generation;
        on(PgConnection.connect(vertx, connectOptions), conn -> {
            if (attempt != generation || !running) {
                conn.closeAndForget();
                return;
            }
            connection = conn;
            conn.exceptionHandler(failure -> fail(attempt, failure));
            conn.closeHandler(() -> fail(attempt, new IllegalStateException("connection closed")));
            on(conn.preparedQuery("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked")
                    .execute(Tuple.of("event_store.subscription:" + options.name())), rows -> {
                if (!rows.iterator().next().getBoolean("locked")) {
                    release();
                    retryLater(this::connect);
                    return;
                }
                Set<String> types = options.filter().aggregateTypes();
                Set<String> wakingTypes = types.isEmpty() ? null : types;
                conn.notificationHandler(n -> {
                    if (AppendNotifier.concerns(n.getPayload(), wakingTypes)) context.runOnContext(v -> wake(attempt));
                });
                on(conn.query("LISTEN " + CHANNEL).execute().chain(() -> storedCheckpoint(conn)), found -> {
                    checkpoint = found;
                    active = true;
                    LOG.info(() -> "subscription " + options.name() + " active from " + checkpoint);
                    pump(attempt);
                }, attempt);
            }, attempt);
        }, attempt);
    }

    private Uni<Checkpoint> storedCheckpoint(PgConnection conn) {
        if (options.ownCheckpoint() != null) return options.ownCheckpoint().get();
        return conn.preparedQuery("INSERT INTO event_store.subscription_checkpoints"
                        + " (subscription_name) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(options.name()))
                .chain(() -> conn.preparedQuery("SELECT last_transaction_id::text::bigint AS txid,"
                        + " last_position FROM event_store.subscription_checkpoints"
                        + " WHERE subscription_name = $1").execute(Tuple.of(options.name())))
                .map(found -> {
                    Row row = found.iterator().next();
                    return new Checkpoint(row.getLong("txid"), row.getLong("last_position"));
                });
    }

    private void wake(long attempt) {
        if (attempt != generation || !active) return;
        // Something of ours committed. If an older transaction still holds it back, the commit that releases it
        // may be of another type and wake nobody here, so the rechecks must start again from 5 ms, not from
        // where a quiet spell had left them (up to the poll interval).
        emptyReads = 0;
        if (pumping) {
            wakeRequested = true;
            return;
        }
        if (lingering) return;
        cancelPoll();
        pump(attempt);
    }

    private void pump(long attempt) {
        if (attempt != generation || !active) return;
        pump(attempt, readPage(checkpoint));
    }

    /**
     * Handles one page and, when the page came back full, has already asked for the next one: PostgreSQL
     * reads page N+1 while this process decodes and handles page N, which on a small machine is what
     * separates a catch-up bound by one core from one that uses both. A prefetched page is only a read; if
     * the handler fails, it is dropped with the connection and the subscription restarts from the stored
     * checkpoint.
     */
    private void pump(long attempt, Uni<List<RecordedEvent>> page) {
        if (attempt != generation || !active) return;
        pumping = true;
        wakeRequested = false;
        on(page, batch -> {
            if (batch.isEmpty()) {
                idle(attempt);
                return;
            }
            emptyReads = 0;
            Uni<List<RecordedEvent>> next = batch.size() == options.batchSize()
                    ? prefetch(Checkpoint.of(batch.get(batch.size() - 1)))
                    : null;
            on(handle(batch), handled -> {
                if (next != null) {
                    pump(attempt, next);
                } else if (options.linger().isZero()) {
                    // A page that was not full: what committed since arrives with a notification (then idle
                    // reads at once), what an older transaction still holds back with the first recheck.
                    // Reading again at once would find nothing almost every time: one read per batch saved.
                    idle(attempt);
                } else {
                    linger(attempt);
                }
            }, attempt);
        }, attempt);
    }

    /**
     * Nothing to read: wait for a notification, or read again after a pause that starts at
     * {@link #FIRST_RECHECK_MILLIS} after the last page with events and doubles up to the poll interval.
     *
     * <p>Why not just the poll interval: an event is readable only once every older transaction has ended, and
     * many of those are not appends (an idempotency claim, another subscription's checkpoint, a consumer's inbox
     * row) and end without a NOTIFY. Without rechecks, a read woken by an append that finds the event still held
     * back by one of them would wait a whole poll interval (500 ms) for nothing (docs/performance.md, "Component
     * benchmarks"). Rechecks cost one indexed read each and stop doubling at the poll interval, so an idle
     * subscription reads no more often than the poll alone would.
     */
    private void idle(long attempt) {
        pumping = false;
        if (wakeRequested) {
            pump(attempt);
            return;
        }
        long pause = Math.min(options.pollInterval().toMillis(), FIRST_RECHECK_MILLIS << Math.min(emptyReads, 20));
        emptyReads++;
        pollTimer = vertx.getDelegate().setTimer(pause, id -> {
            pollTimer = -1;
            pump(attempt);
        });
    }

    private void linger(long attempt) {
        pumping = false;
        lingering = true;
        pollTimer = vertx.getDelegate().setTimer(options.linger().toMillis(), id -> {
            pollTimer = -1;
            lingering = false;
            pump(attempt);
        });
    }

    private Uni<Void> handle(List<RecordedEvent> batch) {
        Uni<List<RecordedEvent>> readable = options.revealPersonal() ? personalData.reveal(batch)
                : Uni.createFrom().item(batch);
        return readable
                .map(revealed -> revealed.stream().map(upcasters::upcast).toList())
                .chain(events -> handler.handle(events).replaceWith(events))
                .chain(this::saveCheckpoint);
    }

    /** Sends the read now (a Uni is lazy) and hands back its result for later. */
    private Uni<List<RecordedEvent>> prefetch(Checkpoint after) {
        return Uni.createFrom().completionStage(readPage(after).subscribeAsCompletionStage());
    }

    private Uni<List<RecordedEvent>> readPage(Checkpoint after) {
        SubscriptionFilter filter = options.filter();
        return connection.preparedQuery(READ)
                .execute(Tuple.tuple().addLong(after.transactionId()).addLong(after.position())
                        .addInteger(options.batchSize()).addArrayOfString(filter.aggregateTypesOrNull())
                        .addArrayOfString(filter.eventTypesOrNull()))
                .map(rows -> {
                    List<RecordedEvent> batch = new ArrayList<>(rows.size());
                    for (Row row : rows) batch.add(EventRows.fromReadCommitted(row));
                    return batch;
                });
    }

    private Uni<Void> saveCheckpoint(List<RecordedEvent> batch) {
        Checkpoint next = Checkpoint.of(batch.get(batch.size() - 1));
        if (options.ownCheckpoint() != null) {
            checkpoint = next;
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("UPDATE event_store.subscription_checkpoints"
                        + " SET last_transaction_id = $2::bigint::text::xid8, last_position = $3,"
                        + " events_handled = events_handled + $4, updated_at = now() WHERE subscription_name = $1")
                .execute(Tuple.of(options.name(), next.transactionId(), next.position(), batch.size()))
                .invoke(() -> checkpoint = next)
                .replaceWithVoid();
    }

    /** Any failure: drop the connection (and with it the lock), start over from the stored checkpoint. */
    private void fail(long attempt, Throwable failure) {
        context.runOnContext(v -> {
            if (attempt != generation) return;
            if (running) {
                LOG.log(Level.WARNING, "subscription " + options.name() + " failed; restarting from its checkpoint in "
                        + options.retryBackoff().toMillis() + " ms: " + failure);
            }
            release();
            retryLater(this::connect);
        });
    }

    private void retryLater(Runnable action) {
        if (running) vertx.getDelegate().setTimer(options.retryBackoff().toMillis(), id -> action.run());
    }

    private void release() {
        generation++;
        active = false;
        pumping = false;
        lingering = false;
        cancelPoll();
        if (connection != null) {
            PgConnection closing = connection;
            connection = null;
            closing.closeAndForget();
        }
    }

    private void cancelPoll() {
        if (pollTimer >= 0) {
            vertx.getDelegate().cancelTimer(pollTimer);
            pollTimer = -1;
        }
    }

    private <T> void on(Uni<T> uni, Consumer<T> next, long attempt) {
        uni.subscribe().with(
                item -> context.runOnContext(v -> { if (attempt == generation) next.accept(item); }),
                failure -> fail(attempt, failure));
    }

}

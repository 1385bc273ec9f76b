package io.cloudlab.support.messaging;


/**
 * Which failures are worth waiting for: the database or the network being away, a serialization conflict or
 * a lost race. {@link MessageEdge} waits those out and parks a message that fails otherwise; the REST edge
 * answers them 503 or 409.
 */
public final class Retrying {

    private Retrying() {}

    /** The database or the network, a serialization conflict or a lost race: worth waiting for. */
    public static boolean retryable(Throwable failure) {
        // PgException is a VertxException too: both rules decide it by its SQLSTATE alone (connection 08,
        // operator intervention 57, serialization/deadlock 40, a unique race 23505), never by its type.
        return unavailable(failure) || conflicted(failure, true)
                || failure instanceof io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict;
    }

    /**
     * A serialization failure or deadlock (SQLSTATE 40), and, when {@code uniqueRace}, a lost race at a unique
     * index (23505): the same work succeeds when done again.
     */
    public static boolean conflicted(Throwable failure, boolean uniqueRace) {
        if (!(failure instanceof io.vertx.pgclient.PgException pg) || pg.getSqlState() == null) return false;
        return pg.getSqlState().startsWith("40") || uniqueRace && pg.getSqlState().equals("23505");
    }

    /**
     * The database, the broker or the network is away: down, restarting, or this process shutting down. Vert.x
     * reports a pool or connection closed under it (as at shutdown) with a bare NoStackTraceThrowable, which is
     * no VertxException: judged by type alone it was "cannot be applied", and a message in flight while a
     * service stopped was skipped and its offset committed (seen in order-service's log during a restart).
     * Waited out instead, the message is never acknowledged and comes again to the next instance.
     */
    public static boolean unavailable(Throwable failure) {
        if (failure instanceof io.vertx.pgclient.PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            return state.startsWith("08") || state.startsWith("57");
        }
        if (failure instanceof io.vertx.core.impl.NoStackTraceThrowable && failure.getMessage() != null
                && failure.getMessage().toLowerCase(java.util.Locale.ROOT).contains("closed")) {
            return true;
        }
        return failure instanceof io.vertx.core.VertxException || failure instanceof java.io.IOException;
    }
}

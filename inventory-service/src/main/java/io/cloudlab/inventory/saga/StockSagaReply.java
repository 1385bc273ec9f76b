package io.cloudlab.inventory.saga;

import io.cloudlab.inventory.reservation.domain.LineRefusal;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The inventory's answer to a saga command; the type name is the reply's event type on cloudlab.saga.replies. */
public sealed interface StockSagaReply {

    default String type() {
        return getClass().getSimpleName();
    }

    /** Whether the step succeeded (for the metrics; the orchestrator reads the type). */
    default boolean success() {
        return !(this instanceof StockReservationRejected || this instanceof StockCommitFailed);
    }

    record StockReserved(List<ReservationLine> lines, Instant expiresAt) implements StockSagaReply {}

    /** Nothing was reserved; {@code productId} is the first line's product that could not be held. */
    record StockReservationRejected(LineRefusal.Reason reason, UUID productId) implements StockSagaReply {}

    /** {@code released} is false when nothing was held (any more): releasing is idempotent. */
    record StockReleased(boolean released) implements StockSagaReply {}

    record StockCommitted() implements StockSagaReply {}

    record StockCommitFailed(CommitFailure reason) implements StockSagaReply {}

    enum CommitFailure {
        NO_ACTIVE_RESERVATION,
        EXPIRED,
        RELEASED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

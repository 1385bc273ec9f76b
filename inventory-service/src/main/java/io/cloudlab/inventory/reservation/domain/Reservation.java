package io.cloudlab.inventory.reservation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order's hold on stock: all its lines move together from ACTIVE to exactly one final status. The stock
 * itself is the Product aggregate's; this decides whether a release, commit or expiry is due, is a repeat
 * that changes nothing (the saga retries), or contradicts what already happened.
 */
public record Reservation(UUID orderId, ReservationStatus status, Instant expiresAt, List<ReservationLine> lines) {

    /** What a request does to the reservation. */
    public sealed interface Transition {
        /** Move every line to {@code to}, giving back or committing its units. */
        record Move(ReservationStatus to) implements Transition {}

        /** Already where the request leads: change nothing, answer the reservation as it is. */
        record AlreadyDone() implements Transition {}
    }

    /** Releasing twice, or releasing what expired, changes nothing; releasing what was sold is refused. */
    public Transition release() {
        if (status == ReservationStatus.ACTIVE) return new Transition.Move(ReservationStatus.RELEASED);
        if (status.givenBack()) return new Transition.AlreadyDone();
        throw new ReservationClosed(orderId, status, "release");
    }

    /**
     * Committing twice changes nothing; committing what was given back is refused. A hold past its expiry is
     * refused even before the expiry job got to it: the customer was promised the units only until then.
     */
    public Transition commit(Instant now) {
        if (status == ReservationStatus.COMMITTED) return new Transition.AlreadyDone();
        if (status.givenBack()) throw new ReservationClosed(orderId, status, "commit");
        if (!now.isBefore(expiresAt)) throw new ReservationClosed(orderId, ReservationStatus.EXPIRED, "commit");
        return new Transition.Move(ReservationStatus.COMMITTED);
    }

    /**
     * Everything the order holds or bought goes back on sale: a hold is released, sold units are returned.
     * What was given back already stays so.
     */
    public Transition giveBack() {
        if (status == ReservationStatus.ACTIVE) return new Transition.Move(ReservationStatus.RELEASED);
        if (status == ReservationStatus.COMMITTED) return new Transition.Move(ReservationStatus.RETURNED);
        return new Transition.AlreadyDone();
    }

    public Transition expire(Instant now) {
        if (status == ReservationStatus.ACTIVE && !now.isBefore(expiresAt)) {
            return new Transition.Move(ReservationStatus.EXPIRED);
        }
        return new Transition.AlreadyDone();
    }

    /**
     * Whether a new attempt to reserve for this order finds the order served already: a hold still running,
     * or units already sold to it. A hold given back (or past its time) is not: the attempt reserves anew.
     */
    public boolean serves(Instant now) {
        return status == ReservationStatus.COMMITTED || (status == ReservationStatus.ACTIVE && now.isBefore(expiresAt));
    }

    public Reservation withStatus(ReservationStatus next) {
        return new Reservation(orderId, next, expiresAt, lines);
    }
}

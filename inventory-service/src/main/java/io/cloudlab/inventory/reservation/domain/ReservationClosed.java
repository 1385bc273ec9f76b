package io.cloudlab.inventory.reservation.domain;

import io.cloudlab.eventstore.decider.Refusal;
import java.util.UUID;

/** A release or commit that contradicts how the reservation already ended (409 reservation-&lt;status&gt;). */
public final class ReservationClosed extends Refusal {

    private final ReservationStatus status;

    public ReservationClosed(UUID orderId, ReservationStatus status, String action) {
        super(Kind.CONFLICT, "reservation-" + status, null,
                "cannot " + action + " the reservation of order " + orderId + ": it is " + status);
        this.status = status;
    }

    public ReservationStatus status() {
        return status;
    }
}

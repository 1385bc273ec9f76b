package io.cloudlab.inventory.reservation.domain;

import java.util.UUID;

/** A release or commit that contradicts how the reservation already ended. */
public final class ReservationClosed extends RuntimeException {

    private final ReservationStatus status;

    public ReservationClosed(UUID orderId, ReservationStatus status, String action) {
        super("cannot " + action + " the reservation of order " + orderId + ": it is " + status, null, false, false);
        this.status = status;
    }

    public ReservationStatus status() {
        return status;
    }
}

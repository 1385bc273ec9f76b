package io.cloudlab.inventory.reservation.domain;

import java.util.Locale;

/** Where an order's hold on stock is: held, sold, given back on request, or given back because it ran out. */
public enum ReservationStatus {
    ACTIVE,
    COMMITTED,
    RELEASED,
    EXPIRED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReservationStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean givenBack() {
        return this == RELEASED || this == EXPIRED;
    }
}

package io.cloudlab.inventory.reservation.domain;

import java.util.Locale;

/**
 * Where an order's hold on stock is: held, sold, given back on request, given back because it ran out, or sold
 * and then back on sale (the paid order was cancelled or returned).
 */
public enum ReservationStatus {
    ACTIVE,
    COMMITTED,
    RELEASED,
    EXPIRED,
    RETURNED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReservationStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean givenBack() {
        return this == RELEASED || this == EXPIRED || this == RETURNED;
    }
}

package io.cloudlab.order.order.domain;

import java.util.Locale;

/** The seed's order_status enum. {@code DRAFT} exists in the seed; orders here are placed whole, never drafted. */
public enum OrderStatus {
    DRAFT, PENDING_PAYMENT, PAID, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    /** The seed's spelling, as stored and as clients see it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Before shipping, a customer may still cancel (a paid order is then refunded by the saga). */
    public boolean cancellable() {
        return this == PENDING_PAYMENT || this == PAID || this == PROCESSING;
    }
}

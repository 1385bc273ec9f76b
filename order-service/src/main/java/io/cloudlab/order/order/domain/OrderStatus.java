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

    /** Cancelled at once: nothing was paid, and the fulfilment saga undoes its holds when it hears of it. */
    public boolean cancellable() {
        return this == PENDING_PAYMENT;
    }

    /**
     * Paid and not yet shipped: cancelled by the cancellation saga, which gives the money and the units back
     * before the order ends cancelled.
     */
    public boolean cancellableByRefund() {
        return this == PAID || this == PROCESSING;
    }

    /** Whose money staff may give back, in whole or in part. */
    public boolean refundable() {
        return this == PAID || this == PROCESSING || this == SHIPPED || this == DELIVERED;
    }
}

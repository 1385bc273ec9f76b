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

    /**
     * Only until it is paid. Once paid, the saga has captured the payment and is committing the stock, and
     * nothing would give either back: a cancelled order would keep its capture and its stock taken. A cancel
     * that wins the race with the payment is compensated by the saga (its confirmation is refused, so it voids
     * the authorization and releases the stock). A paid order is
     * undone by a refund instead.
     */
    public boolean cancellable() {
        return this == PENDING_PAYMENT;
    }
}

package io.cloudlab.order.order.domain;

import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * An order as its events leave it (see {@link Order#evolve}). {@link #NONE}, the state of an empty stream,
 * is an order that does not exist: no status, nothing placed.
 *
 * @param placed    the order as placed (lines, total, address); null until it is
 * @param paymentId the payment that paid it; null until paid
 * @param paid      what was paid
 * @param refunded  what was refunded of it so far
 */
public record OrderState(OrderStatus status, OrderPlaced placed, UUID paymentId, BigDecimal paid, BigDecimal refunded) {

    public static final OrderState NONE = new OrderState(null, null, null, BigDecimal.ZERO, BigDecimal.ZERO);

    public boolean exists() {
        return placed != null;
    }

    public String customerId() {
        return placed == null ? null : placed.customerId();
    }
}

package io.cloudlab.order.order.domain;

import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An order as its events leave it (see {@link Order#evolve}). {@link #NONE}, the state of an empty stream,
 * is an order that does not exist: no status, nothing placed.
 *
 * @param placed       the order as placed (lines, total, address); null until it is
 * @param paymentId    the payment that paid it; null until paid
 * @param paid         what was paid
 * @param refunded     what was refunded of it so far
 * @param cancellation the cancellation of the paid order that was asked for; null when none was
 * @param refunding    refunds asked for and not yet recorded, by refund id
 * @param refunds      every refund id ever asked for (recorded or not)
 * @param hold         why a saga about the order stopped for an operator; null when none did, or it went on
 */
public record OrderState(OrderStatus status, OrderPlaced placed, UUID paymentId, BigDecimal paid, BigDecimal refunded,
        OrderEvent.OrderCancellationRequested cancellation, Map<UUID, OrderEvent.OrderRefundRequested> refunding, Set<UUID> refunds, String hold) {

    public static final OrderState NONE = new OrderState(null, null, null, BigDecimal.ZERO, BigDecimal.ZERO, null,
            Map.of(), Set.of(), null);

    public OrderState {
        refunding = Map.copyOf(refunding);
        refunds = Set.copyOf(refunds);
    }

    public boolean exists() {
        return placed != null;
    }

    public String customerId() {
        return placed == null ? null : placed.customerId();
    }

    public boolean cancelling() {
        return cancellation != null && status != OrderStatus.CANCELLED;
    }

    /** What may still be refunded: paid, less what was refunded and what refunds under way will. */
    public BigDecimal refundable() {
        BigDecimal left = paid.subtract(refunded);
        for (OrderEvent.OrderRefundRequested r : refunding.values()) left = left.subtract(r.amount());
        return left;
    }
}

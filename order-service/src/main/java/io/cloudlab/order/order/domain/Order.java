package io.cloudlab.order.order.domain;

import io.cloudlab.eventstore.decider.Decider;
import io.cloudlab.order.order.domain.OrderCommand.CancelOrder;
import io.cloudlab.order.order.domain.OrderCommand.ConfirmPayment;
import io.cloudlab.order.order.domain.OrderCommand.DeliverOrder;
import io.cloudlab.order.order.domain.OrderCommand.PlaceOrder;
import io.cloudlab.order.order.domain.OrderCommand.CompleteCancellation;
import io.cloudlab.order.order.domain.OrderCommand.HoldOrder;
import io.cloudlab.order.order.domain.OrderCommand.RecordRefund;
import io.cloudlab.order.order.domain.OrderCommand.RequestRefund;
import io.cloudlab.order.order.domain.OrderCommand.RejectOrder;
import io.cloudlab.order.order.domain.OrderCommand.ShipOrder;
import io.cloudlab.order.order.domain.OrderCommand.StartProcessing;
import io.cloudlab.order.order.domain.OrderEvent.OrderCancellationRequested;
import io.cloudlab.order.order.domain.OrderEvent.OrderCancelled;
import io.cloudlab.order.order.domain.OrderEvent.OrderHeld;
import io.cloudlab.order.order.domain.OrderEvent.OrderRefundRequested;
import io.cloudlab.order.order.domain.OrderEvent.OrderDelivered;
import io.cloudlab.order.order.domain.OrderEvent.OrderPaid;
import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import io.cloudlab.order.order.domain.OrderEvent.OrderProcessingStarted;
import io.cloudlab.order.order.domain.OrderEvent.OrderRefunded;
import io.cloudlab.order.order.domain.OrderEvent.OrderRejected;
import io.cloudlab.order.order.domain.OrderEvent.OrderShipped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Order aggregate as a {@link Decider}: {@link #decide} turns a command into the events it causes in an
 * {@link OrderState}, or refuses it with an {@link OrderRejection}; {@link #evolve} gives the state an event
 * leaves. Only legal transitions of the seed's order_status exist: pending_payment -> paid -> processing ->
 * shipped -> delivered; pending_payment -> cancelled (rejected, or cancelled by the customer); paid or
 * processing -> cancelled through the cancellation saga (asked for, then completed once the money and units
 * are back); paid to delivered -> refunded when refunds, each through the refund saga, add up to what was
 * paid. A command that would change nothing (confirming a payment that is already confirmed, a saga's
 * command delivered again) yields no events, so redelivered commands are harmless.
 */
public final class Order implements Decider<OrderCommand, OrderEvent, OrderState> {

    public static final Order DECIDER = new Order();

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 1000;

    private Order() {}

    @Override
    public OrderState initial() {
        return OrderState.NONE;
    }

    @Override
    public List<OrderEvent> decide(OrderCommand command, OrderState state) {
        if (command instanceof PlaceOrder place) return place(place, state);
        if (!state.exists()) throw OrderRejection.invalid("order_id", "no such order");
        if (command instanceof ConfirmPayment confirm) return confirmPayment(confirm, state);
        if (command instanceof RejectOrder reject) return reject(reject, state);
        if (command instanceof CancelOrder cancel) return cancel(cancel, state);
        if (command instanceof HoldOrder hold) return hold(hold, state);
        if (command instanceof CompleteCancellation complete) return completeCancellation(complete, state);
        if (command instanceof RecordRefund record) return recordRefund(record, state);
        if (state.cancelling() && (command instanceof StartProcessing || command instanceof ShipOrder)) {
            throw OrderRejection.notNow("an order that is being cancelled cannot be " + command.verb());
        }
        if (command instanceof StartProcessing) {
            return move(state, OrderStatus.PAID, OrderStatus.PROCESSING, command, new OrderProcessingStarted());
        }
        if (command instanceof ShipOrder ship) {
            return move(state, OrderStatus.PROCESSING, OrderStatus.SHIPPED, command,
                    new OrderShipped(ship.carrier(), ship.trackingNumber()));
        }
        if (command instanceof DeliverOrder) return move(state, OrderStatus.SHIPPED, OrderStatus.DELIVERED, command, new OrderDelivered());
        if (command instanceof RequestRefund refund) return requestRefund(refund, state);
        throw new IllegalArgumentException("unknown command " + command);
    }

    @Override
    public OrderState evolve(OrderState state, OrderEvent event) {
        OrderPlaced placed = event instanceof OrderPlaced p ? p : state.placed();
        UUID paymentId = state.paymentId();
        BigDecimal paid = state.paid();
        BigDecimal refunded = state.refunded();
        OrderCancellationRequested cancellation = state.cancellation();
        Map<UUID, OrderRefundRequested> refunding = state.refunding();
        Set<UUID> refunds = state.refunds();
        String hold = state.hold();
        if (event instanceof OrderPaid p) {
            paymentId = p.paymentId();
            paid = p.amount();
        } else if (event instanceof OrderRefunded r) {
            refunded = refunded.add(r.amount());
            if (r.refundId() != null) {
                refunding = new HashMap<>(refunding);
                refunding.remove(r.refundId());
            }
            hold = null;
        } else if (event instanceof OrderCancellationRequested c) {
            cancellation = c;
        } else if (event instanceof OrderRefundRequested r) {
            refunding = new HashMap<>(refunding);
            refunding.put(r.refundId(), r);
            refunds = new HashSet<>(refunds);
            refunds.add(r.refundId());
        } else if (event instanceof OrderHeld h) {
            hold = h.reason();
        } else if (event instanceof OrderCancelled) {
            hold = null;
        }
        return new OrderState(statusAfter(state.status(), paid, refunded, event), placed, paymentId, paid, refunded,
                cancellation, refunding, refunds, hold);
    }

    /**
     * The status an event leads to, given what was paid and (after this event) refunded: the one rule both the
     * aggregate and the order read models follow.
     */
    public static OrderStatus statusAfter(OrderStatus status, BigDecimal paid, BigDecimal refunded, OrderEvent event) {
        if (event instanceof OrderPlaced) return OrderStatus.PENDING_PAYMENT;
        if (event instanceof OrderPaid) return OrderStatus.PAID;
        if (event instanceof OrderRejected || event instanceof OrderCancelled) return OrderStatus.CANCELLED;
        if (event instanceof OrderProcessingStarted) return OrderStatus.PROCESSING;
        if (event instanceof OrderShipped) return OrderStatus.SHIPPED;
        if (event instanceof OrderDelivered) return OrderStatus.DELIVERED;
        // A partial refund leaves the order where it was; only a full one makes it "refunded".
        if (event instanceof OrderRefunded) return refunded.compareTo(paid) >= 0 ? OrderStatus.REFUNDED : status;
        // Asked for, or stopped for an operator: the order stays where it is until the saga ends.
        if (event instanceof OrderCancellationRequested || event instanceof OrderRefundRequested
                || event instanceof OrderHeld) {
            return status;
        }
        throw new IllegalArgumentException("not an order event: " + event);
    }

    private static List<OrderEvent> place(PlaceOrder place, OrderState state) {
        if (state.exists()) throw OrderRejection.illegalTransition(state.status(), place.verb());
        if (place.lines().isEmpty() || place.lines().size() > MAX_LINES) {
            throw OrderRejection.invalid("items", "an order has 1 to " + MAX_LINES + " lines");
        }
        Set<UUID> products = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < place.lines().size(); i++) {
            OrderLine line = place.lines().get(i);
            if (!products.add(line.productId())) {
                throw OrderRejection.invalid("items[" + i + "].product_id", "appears twice; order it once with the total quantity");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw OrderRejection.invalid("items[" + i + "].quantity", "must be between 1 and " + MAX_QUANTITY);
            }
            total = total.add(line.lineTotal());
        }
        if (place.paymentMethod().isCard() && place.paymentMethodId() == null) {
            throw OrderRejection.invalid("payment_method_id", "is required to pay by " + place.paymentMethod());
        }
        return List.of(new OrderPlaced(place.orderNumber(), place.customerId(), place.currency(), place.paymentMethod(),
                place.paymentMethodId(), place.lines(), total, place.shippingAddress()));
    }

    private static List<OrderEvent> confirmPayment(ConfirmPayment confirm, OrderState state) {
        if (state.status() != OrderStatus.PENDING_PAYMENT) {
            if (confirm.paymentId().equals(state.paymentId())) return List.of();
            throw OrderRejection.illegalTransition(state.status(), confirm.verb());
        }
        BigDecimal total = state.placed().totalAmount();
        if (confirm.amount().compareTo(total) != 0) {
            throw OrderRejection.invalid("amount", "the payment of " + confirm.amount() + " does not match the order total "
                    + total);
        }
        return List.of(new OrderPaid(confirm.paymentId(), confirm.amount()));
    }

    private static List<OrderEvent> reject(RejectOrder reject, OrderState state) {
        if (state.status() == OrderStatus.CANCELLED) return List.of();
        if (state.status() != OrderStatus.PENDING_PAYMENT) throw OrderRejection.illegalTransition(state.status(), reject.verb());
        return List.of(new OrderRejected(reject.reason()));
    }

    /** Before payment, at once; once paid and until shipped, through the cancellation saga. */
    private static List<OrderEvent> cancel(CancelOrder cancel, OrderState state) {
        if (state.status() == OrderStatus.CANCELLED || state.cancelling()) return List.of();
        if (state.status().cancellable()) return List.of(new OrderCancelled(cancel.reason(), cancel.cancelledBy()));
        if (!state.status().cancellableByRefund()) throw OrderRejection.illegalTransition(state.status(), cancel.verb());
        if (!state.refunding().isEmpty()) {
            throw OrderRejection.notNow("an order with a refund under way cannot be cancelled; try again when it is done");
        }
        return List.of(new OrderCancellationRequested(cancel.cancellationId(), cancel.reason(), cancel.cancelledBy(), state.paymentId(),
                state.paid().subtract(state.refunded()), state.placed().currency(), state.customerId()));
    }

    private static List<OrderEvent> completeCancellation(CompleteCancellation complete, OrderState state) {
        if (state.status() == OrderStatus.CANCELLED) return List.of();
        if (!state.cancelling()) throw OrderRejection.notNow("no cancellation of this order was asked for");
        List<OrderEvent> events = new ArrayList<>();
        String reason = state.cancellation().reason();
        if (complete.refunded().signum() > 0) events.add(new OrderRefunded(complete.refunded(), reason, null));
        events.add(new OrderCancelled(reason, state.cancellation().requestedBy()));
        return events;
    }

    private static List<OrderEvent> hold(HoldOrder hold, OrderState state) {
        if (hold.reason().equals(state.hold())) return List.of();
        return List.of(new OrderHeld(hold.reason()));
    }

    private static List<OrderEvent> move(OrderState state, OrderStatus from, OrderStatus to, OrderCommand command,
            OrderEvent event) {
        if (state.status() == to) return List.of();
        if (state.status() != from) throw OrderRejection.illegalTransition(state.status(), command.verb());
        return List.of(event);
    }

    /**
     * Refunds never exceed what was paid: what was refunded and what refunds under way will refund count
     * against it. Asking again under the same refund id changes nothing.
     */
    private static List<OrderEvent> requestRefund(RequestRefund refund, OrderState state) {
        if (state.refunds().contains(refund.refundId())) return List.of();
        if (!state.status().refundable()) throw OrderRejection.illegalTransition(state.status(), refund.verb());
        if (state.cancelling()) throw OrderRejection.notNow("an order that is being cancelled is refunded by its cancellation");
        BigDecimal refundable = state.refundable();
        BigDecimal amount = refund.amount() == null ? refundable : refund.amount();
        if (amount.signum() <= 0 && refund.amount() != null) throw OrderRejection.invalid("amount", "must be at least 0.01");
        if (amount.signum() <= 0 || amount.compareTo(refundable) > 0) throw OrderRejection.overRefund(refundable);
        return List.of(new OrderRefundRequested(refund.refundId(), amount, refund.reason(), refund.restock(),
                state.paymentId(), state.placed().currency(), state.customerId()));
    }

    /** Once per refund: a second copy of the saga's command finds it recorded. */
    private static List<OrderEvent> recordRefund(RecordRefund record, OrderState state) {
        OrderRefundRequested asked = state.refunding().get(record.refundId());
        if (asked == null) {
            if (state.refunds().contains(record.refundId())) return List.of();
            throw OrderRejection.notNow("no refund " + record.refundId() + " was asked for");
        }
        if (record.amount().compareTo(asked.amount()) != 0) {
            throw OrderRejection.invalid("amount", "the refund of " + asked.amount() + " cannot be recorded as " + record.amount());
        }
        return List.of(new OrderRefunded(asked.amount(), asked.reason(), record.refundId()));
    }
}

package io.cloudlab.order.order.domain;

import io.cloudlab.eventstore.decider.Decider;
import io.cloudlab.order.order.domain.OrderCommand.CancelOrder;
import io.cloudlab.order.order.domain.OrderCommand.ConfirmPayment;
import io.cloudlab.order.order.domain.OrderCommand.DeliverOrder;
import io.cloudlab.order.order.domain.OrderCommand.PlaceOrder;
import io.cloudlab.order.order.domain.OrderCommand.RefundOrder;
import io.cloudlab.order.order.domain.OrderCommand.RejectOrder;
import io.cloudlab.order.order.domain.OrderCommand.ShipOrder;
import io.cloudlab.order.order.domain.OrderCommand.StartProcessing;
import io.cloudlab.order.order.domain.OrderEvent.OrderCancelled;
import io.cloudlab.order.order.domain.OrderEvent.OrderDelivered;
import io.cloudlab.order.order.domain.OrderEvent.OrderPaid;
import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import io.cloudlab.order.order.domain.OrderEvent.OrderProcessingStarted;
import io.cloudlab.order.order.domain.OrderEvent.OrderRefunded;
import io.cloudlab.order.order.domain.OrderEvent.OrderRejected;
import io.cloudlab.order.order.domain.OrderEvent.OrderShipped;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Order aggregate as a {@link Decider}: {@link #decide} turns a command into the events it causes in an
 * {@link OrderState}, or refuses it with an {@link OrderRejection}; {@link #evolve} gives the state an event
 * leaves. Only legal transitions of the seed's order_status exist: pending_payment -> paid -> processing ->
 * shipped -> delivered; pending_payment -> cancelled (rejected or cancelled by the customer, only until paid:
 * see {@link OrderStatus#cancellable()}); paid/delivered -> refunded. A command that would change nothing
 * (confirming a payment that is already confirmed) yields no events, so redelivered commands are harmless.
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
        if (command instanceof StartProcessing) {
            return move(state, OrderStatus.PAID, OrderStatus.PROCESSING, command, new OrderProcessingStarted());
        }
        if (command instanceof ShipOrder ship) {
            return move(state, OrderStatus.PROCESSING, OrderStatus.SHIPPED, command,
                    new OrderShipped(ship.carrier(), ship.trackingNumber()));
        }
        if (command instanceof DeliverOrder) return move(state, OrderStatus.SHIPPED, OrderStatus.DELIVERED, command, new OrderDelivered());
        if (command instanceof RefundOrder refund) return refund(refund, state);
        throw new IllegalArgumentException("unknown command " + command);
    }

    @Override
    public OrderState evolve(OrderState state, OrderEvent event) {
        OrderPlaced placed = event instanceof OrderPlaced p ? p : state.placed();
        UUID paymentId = state.paymentId();
        BigDecimal paid = state.paid();
        BigDecimal refunded = state.refunded();
        if (event instanceof OrderPaid p) {
            paymentId = p.paymentId();
            paid = p.amount();
        } else if (event instanceof OrderRefunded r) {
            refunded = refunded.add(r.amount());
        }
        return new OrderState(statusAfter(state.status(), paid, refunded, event), placed, paymentId, paid, refunded);
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

    private static List<OrderEvent> cancel(CancelOrder cancel, OrderState state) {
        if (state.status() == OrderStatus.CANCELLED) return List.of();
        if (!state.status().cancellable()) throw OrderRejection.illegalTransition(state.status(), cancel.verb());
        return List.of(new OrderCancelled(cancel.reason(), cancel.cancelledBy()));
    }

    private static List<OrderEvent> move(OrderState state, OrderStatus from, OrderStatus to, OrderCommand command,
            OrderEvent event) {
        if (state.status() == to) return List.of();
        if (state.status() != from) throw OrderRejection.illegalTransition(state.status(), command.verb());
        return List.of(event);
    }

    private static List<OrderEvent> refund(RefundOrder refund, OrderState state) {
        OrderStatus status = state.status();
        if (status != OrderStatus.PAID && status != OrderStatus.DELIVERED && status != OrderStatus.REFUNDED
                && !(status == OrderStatus.CANCELLED && state.paid().signum() > 0)) {
            throw OrderRejection.illegalTransition(status, refund.verb());
        }
        BigDecimal refundable = state.paid().subtract(state.refunded());
        BigDecimal amount = refund.amount() == null ? refundable : refund.amount();
        if (amount.signum() <= 0 || amount.compareTo(refundable) > 0) {
            throw OrderRejection.invalid("amount", "can refund between 0.01 and " + refundable);
        }
        return List.of(new OrderRefunded(amount, refund.reason()));
    }
}

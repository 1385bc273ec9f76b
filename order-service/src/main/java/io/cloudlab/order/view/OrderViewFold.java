package io.cloudlab.order.view;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.api.OrderView;
import io.cloudlab.order.order.domain.Order;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderStatus;
import io.cloudlab.order.order.store.OrderEventCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds one stored order event into the order's document. Status follows {@link Order#statusAfter}, the
 * aggregate's own rule. Events must come in stream order: a version out of sequence (a gap, or a stream that
 * does not start with OrderPlaced) throws, so the runtime parks it instead of building an order that never was.
 */
public final class OrderViewFold {

    private OrderViewFold() {}

    public static OrderDocument apply(OrderDocument current, RecordedEvent stored) {
        OrderEvent event = OrderEventCodec.decode(stored);
        if (current == null) return placed(event, stored);
        if (stored.version() <= current.version()) return current;
        if (stored.version() != current.version() + 1) {
            throw new IllegalStateException("order " + current.orderId() + " is at version " + current.version()
                    + ", event " + stored.eventId() + " has version " + stored.version());
        }
        if (event instanceof OrderEvent.OrderPlaced) {
            throw new IllegalStateException("order " + current.orderId() + " placed twice (event " + stored.eventId() + ")");
        }
        BigDecimal paid = new BigDecimal(current.paidAmount());
        BigDecimal refunded = new BigDecimal(current.refundedAmount());
        if (event instanceof OrderEvent.OrderPaid p) paid = p.amount();
        if (event instanceof OrderEvent.OrderRefunded r) refunded = refunded.add(r.amount());
        OrderStatus status = Order.statusAfter(parse(current.status()), paid, refunded, event);
        OrderView.Cancellation cancellation = current.cancellation();
        List<OrderView.Refund> refunds = new ArrayList<>(current.refundsUnderWay());
        String held = current.held();
        if (event instanceof OrderEvent.OrderCancellationRequested c) {
            cancellation = new OrderView.Cancellation(c.cancellationId(), c.reason(), c.requestedBy(), "under_way");
        } else if (event instanceof OrderEvent.OrderRefundRequested r) {
            refunds.add(new OrderView.Refund(r.refundId(), OrderView.money(r.amount()), r.reason(), r.restock()));
        } else if (event instanceof OrderEvent.OrderRefunded r) {
            refunds.removeIf(u -> u.sagaId().equals(r.refundId()));
            held = null;
        } else if (event instanceof OrderEvent.OrderHeld h) {
            held = h.reason();
        } else if (event instanceof OrderEvent.OrderCancelled) {
            held = null;
            if (cancellation != null) {
                cancellation = new OrderView.Cancellation(cancellation.sagaId(), cancellation.reason(),
                        cancellation.requestedBy(), "completed");
            }
        }
        List<OrderView.Step> timeline = new ArrayList<>(current.timeline());
        timeline.add(new OrderView.Step(stored.eventType(), stored.createdAt()));
        return new OrderDocument(current.orderId(), current.tenantId(), current.orderNumber(), status.toString(),
                current.customerId(), current.currency(), current.paymentMethod(), current.paymentMethodId(),
                current.lines(), current.totalAmount(), current.shippingAddress(), OrderView.money(paid),
                OrderView.money(refunded), cancellation, List.copyOf(refunds), held, stored.version(), stored.position(),
                current.placedAt(), stored.createdAt(), List.copyOf(timeline));
    }

    /** The document of a whole stream, in order. */
    public static OrderDocument fold(List<RecordedEvent> history) {
        OrderDocument document = null;
        for (RecordedEvent event : history) document = apply(document, event);
        return document;
    }

    private static OrderDocument placed(OrderEvent event, RecordedEvent stored) {
        if (!(event instanceof OrderEvent.OrderPlaced p) || stored.version() != 1) {
            throw new IllegalStateException("order " + stored.aggregateId() + " starts with " + stored.eventType()
                    + " at version " + stored.version() + ", not OrderPlaced at 1");
        }
        List<OrderView.Line> lines = p.lines().stream().map(l -> new OrderView.Line(l.productId(), l.productName(),
                l.quantity(), OrderView.money(l.unitPrice()), OrderView.money(l.lineTotal()))).toList();
        return new OrderDocument(stored.aggregateId(), stored.tenantId(), p.orderNumber(),
                OrderStatus.PENDING_PAYMENT.toString(), p.customerId(), p.currency(), p.paymentMethod().toString(),
                p.paymentMethodId(), lines, OrderView.money(p.totalAmount()), p.shippingAddress(),
                OrderView.money(BigDecimal.ZERO), OrderView.money(BigDecimal.ZERO), null, List.of(), null, 1, stored.position(),
                stored.createdAt(), stored.createdAt(), List.of(new OrderView.Step(stored.eventType(), stored.createdAt())));
    }

    private static OrderStatus parse(String status) {
        return Arrays.stream(OrderStatus.values()).filter(s -> s.toString().equals(status)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown order status " + status));
    }
}

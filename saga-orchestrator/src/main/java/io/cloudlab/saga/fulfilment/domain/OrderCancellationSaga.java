package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.inventory.ReturnStock;
import io.cloudlab.contracts.order.CompleteCancellation;
import io.cloudlab.contracts.order.HoldOrder;
import io.cloudlab.contracts.payment.RefundPayment;

/**
 * A paid order's cancellation, asked for before it shipped: give the money back (a capture refunded, a hold
 * voided), put the units back on sale, then end the order cancelled with what was refunded. Nothing is undone:
 * the customer's request is the point of no return. A step that fails (a refund the gateway refuses) stops
 * the saga for an operator, and the order is told so (held) first.
 */
public final class OrderCancellationSaga {

    public static final SagaDefinition DEFINITION = SagaDefinition.named("order_cancellation")
            //         step                      command                     made from the saga
            .retriable("refund_payment",         RefundPayment.class,        OrderCancellationSaga::refund)
            .retriable("return_stock",           ReturnStock.class,          c -> new ReturnStock(c.sagaId(), c.orderId()))
            .retriable("complete_cancellation",  CompleteCancellation.class, c -> new CompleteCancellation(c.sagaId(), c.orderId(), c.request().amount()))
            .onStop("hold_order",                HoldOrder.class,            c -> new HoldOrder(c.sagaId(), c.orderId(), c.failure()))
            .build();

    private OrderCancellationSaga() {}

    /** Nothing to give back when an earlier refund gave back all that was paid. */
    private static RefundPayment refund(SagaContext c) {
        if (c.request().amount().signum() == 0) return null;
        return new RefundPayment(c.sagaId(), c.orderId(), c.paymentId(), c.request().amount(), c.request().reason());
    }
}

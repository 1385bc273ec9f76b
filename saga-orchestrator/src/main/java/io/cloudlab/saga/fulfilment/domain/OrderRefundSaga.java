package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.inventory.ReturnStock;
import io.cloudlab.contracts.order.HoldOrder;
import io.cloudlab.contracts.order.RecordRefund;
import io.cloudlab.contracts.payment.RefundPayment;

/**
 * A refund staff asked for, of a paid (maybe shipped or delivered) order, in whole or in part: move the money,
 * put the order's units back on sale when it is a return, then record the refund on the order. The saga's id is
 * the refund's. Like a cancellation, nothing is undone, and a step that fails stops it for an operator with the
 * order held.
 */
public final class OrderRefundSaga {

    public static final SagaDefinition DEFINITION = SagaDefinition.named("order_refund")
            //         step                 command                 made from the saga
            .retriable("refund_payment",    RefundPayment.class,    c -> new RefundPayment(c.sagaId(), c.orderId(), c.paymentId(), c.request().amount(), c.request().reason()))
            .retriable("return_stock",      ReturnStock.class,      c -> c.request().restock() ? new ReturnStock(c.sagaId(), c.orderId()) : null)
            .retriable("record_refund",     RecordRefund.class,     c -> new RecordRefund(c.sagaId(), c.orderId(), c.sagaId(), c.request().amount()))
            .onStop("hold_order",           HoldOrder.class,        c -> new HoldOrder(c.sagaId(), c.orderId(), c.failure()))
            .build();

    private OrderRefundSaga() {}
}

package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.inventory.CommitStock;
import io.cloudlab.contracts.inventory.ReleaseStock;
import io.cloudlab.contracts.inventory.ReserveStock;
import io.cloudlab.contracts.inventory.StockLine;
import io.cloudlab.contracts.order.ConfirmOrder;
import io.cloudlab.contracts.order.RejectOrder;
import io.cloudlab.contracts.payment.AuthorizePayment;
import io.cloudlab.contracts.payment.CapturePayment;
import io.cloudlab.contracts.payment.VoidPayment;
import java.math.BigDecimal;

/**
 * Order fulfilment: hold the stock, hold the money, confirm the order as paid (the pivot), then take the
 * money and sell the stock. When a step before the pivot fails, what was asked for is undone in reverse, and
 * the order is rejected. Adding a step is one row here and the participant's handler of its command.
 */
public final class OrderFulfilmentSaga {

    public static final SagaDefinition DEFINITION = SagaDefinition.named("order_fulfilment")
            //       step                 command                 made from the saga                 compensation
            .origin(                                                                                  "reject_order", RejectOrder.class, OrderFulfilmentSaga::rejectOrder)
            .step("reserve_stock",        ReserveStock.class,     OrderFulfilmentSaga::reserveStock,  "release_stock", ReleaseStock.class, c -> new ReleaseStock(c.sagaId(), c.orderId()))
            .step("authorize_payment",    AuthorizePayment.class, OrderFulfilmentSaga::authorize,     "void_payment", VoidPayment.class, c -> new VoidPayment(c.sagaId(), c.orderId()))
            .pivot("confirm_order",       ConfirmOrder.class,     c -> new ConfirmOrder(c.sagaId(), c.orderId(), c.paymentId(), total(c)))
            .retriable("capture_payment", CapturePayment.class,   c -> new CapturePayment(c.sagaId(), c.orderId(), c.paymentId(), total(c)))
            .retriable("commit_stock",    CommitStock.class,      c -> new CommitStock(c.sagaId(), c.orderId()))
            .build();

    private OrderFulfilmentSaga() {}

    private static ReserveStock reserveStock(SagaContext c) {
        return new ReserveStock(c.sagaId(), c.orderId(),
                c.order().lines().stream().map(l -> new StockLine(l.productId(), l.quantity())).toList());
    }

    private static AuthorizePayment authorize(SagaContext c) {
        SagaOrder o = c.order();
        return new AuthorizePayment(c.sagaId(), c.orderId(), o.customerId(), total(c), o.currency(), o.paymentMethod(),
                o.paymentMethodId() == null ? null : o.paymentMethodId().toString());
    }

    private static RejectOrder rejectOrder(SagaContext c) {
        return new RejectOrder(c.sagaId(), c.orderId(), c.failure() == null ? "could not be fulfilled" : c.failure());
    }

    private static BigDecimal total(SagaContext c) {
        return new BigDecimal(c.order().totalAmount());
    }
}

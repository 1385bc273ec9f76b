package io.cloudlab.order.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Order aggregate, given its history, when a command arrives, then these events (or this refusal). */
class OrderTest {

    static final UUID KEYBOARD = UUID.randomUUID();
    static final UUID MOUSE = UUID.randomUUID();
    static final UUID PAYMENT = UUID.randomUUID();
    static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "1 Main St", null, "London", "SW1", "GB");
    static final OrderPlaced PLACED = new OrderPlaced("ORD-1", "customer-1", "EUR", PaymentMethod.PAYPAL, null,
            List.of(new OrderLine(KEYBOARD, "Keyboard", 2, new BigDecimal("49.95"))), new BigDecimal("99.90"), ADDRESS);

    private final List<OrderEvent> history = new ArrayList<>();

    private OrderTest given(OrderEvent... events) {
        history.addAll(List.of(events));
        return this;
    }

    private List<OrderEvent> when(OrderCommand command) {
        return Order.replay(history).decide(command);
    }

    private OrderRejection refused(OrderCommand command) {
        return assertThrows(OrderRejection.class, () -> when(command));
    }

    @Test
    void placingTotalsTheCataloguePricedLines() {
        List<OrderEvent> events = when(new PlaceOrder("ORD-1", "customer-1", "EUR", PaymentMethod.PAYPAL, null,
                List.of(new OrderLine(KEYBOARD, "Keyboard", 2, new BigDecimal("49.95")),
                        new OrderLine(MOUSE, "Mouse", 1, new BigDecimal("19.99"))), ADDRESS));
        OrderPlaced placed = (OrderPlaced) events.get(0);
        assertEquals(new BigDecimal("119.89"), placed.totalAmount());
        assertEquals(OrderStatus.PENDING_PAYMENT, Order.replay(events).status());
    }

    @Test
    void aProductOrderedTwiceOrACardWithoutItsStoredCardIsRefusedNamingTheField() {
        OrderLine line = new OrderLine(KEYBOARD, "Keyboard", 1, BigDecimal.TEN);
        assertEquals("items[1].product_id", refused(new PlaceOrder("n", "c", "EUR", PaymentMethod.PAYPAL, null,
                List.of(line, line), ADDRESS)).field());
        assertEquals("payment_method_id", refused(new PlaceOrder("n", "c", "EUR", PaymentMethod.CREDIT_CARD, null,
                List.of(line), ADDRESS)).field());
        assertEquals("items[0].quantity", refused(new PlaceOrder("n", "c", "EUR", PaymentMethod.PAYPAL, null,
                List.of(new OrderLine(KEYBOARD, "Keyboard", 0, BigDecimal.TEN)), ADDRESS)).field());
    }

    @Test
    void aConfirmedPaymentMakesThePendingOrderPaidAndARepeatChangesNothing() {
        given(PLACED);
        assertEquals(List.of(new OrderPaid(PAYMENT, new BigDecimal("99.90"))),
                when(new ConfirmPayment(PAYMENT, new BigDecimal("99.90"))));
        given(new OrderPaid(PAYMENT, new BigDecimal("99.90")));
        assertEquals(List.of(), when(new ConfirmPayment(PAYMENT, new BigDecimal("99.90"))), "a redelivered confirmation");
        assertEquals(OrderRejection.Kind.ILLEGAL_TRANSITION,
                refused(new ConfirmPayment(UUID.randomUUID(), new BigDecimal("99.90"))).kind(), "another payment");
    }

    @Test
    void aPaymentOfAnotherAmountIsRefused() {
        given(PLACED);
        assertEquals("amount", refused(new ConfirmPayment(PAYMENT, new BigDecimal("1.00"))).field());
    }

    @Test
    void fulfilmentGoesPaidProcessingShippedDeliveredAndNoStepIsSkipped() {
        given(PLACED, new OrderPaid(PAYMENT, new BigDecimal("99.90")));
        assertEquals(OrderRejection.Kind.ILLEGAL_TRANSITION, refused(new ShipOrder("DHL", "1")).kind(), "not processing yet");
        assertEquals(List.of(new OrderProcessingStarted()), when(new StartProcessing()));
        given(new OrderProcessingStarted());
        assertEquals(List.of(new OrderShipped("DHL", "JD0001")), when(new ShipOrder("DHL", "JD0001")));
        given(new OrderShipped("DHL", "JD0001"));
        assertEquals(List.of(new OrderDelivered()), when(new DeliverOrder()));
    }

    @Test
    void aCustomerCancelsUntilTheOrderIsPaidButNotAfter() {
        given(PLACED);
        assertEquals(List.of(new OrderCancelled("changed my mind", "customer-1")),
                when(new CancelOrder("changed my mind", "customer-1")));
        given(new OrderPaid(PAYMENT, new BigDecimal("99.90")));
        OrderRejection paid = refused(new CancelOrder("too late", "customer-1"));
        assertEquals("an order that is paid cannot be cancelled", paid.getMessage());
        given(new OrderProcessingStarted(), new OrderShipped("DHL", "1"));
        assertEquals("an order that is shipped cannot be cancelled",
                refused(new CancelOrder("too late", "customer-1")).getMessage());
    }

    @Test
    void onlyAnUnpaidOrderIsRejectedAndARepeatedRejectionChangesNothing() {
        given(PLACED);
        assertEquals(List.of(new OrderRejected("out of stock")), when(new RejectOrder("out of stock")));
        given(new OrderRejected("out of stock"));
        assertEquals(List.of(), when(new RejectOrder("out of stock")));
        assertEquals(OrderStatus.CANCELLED, Order.replay(history).status());
    }

    @Test
    void refundsNeverExceedWhatWasPaidAndOnlyAFullRefundMakesTheOrderRefunded() {
        given(PLACED, new OrderPaid(PAYMENT, new BigDecimal("99.90")), new OrderProcessingStarted(),
                new OrderShipped("DHL", "1"), new OrderDelivered());
        assertEquals(List.of(new OrderRefunded(new BigDecimal("40.00"), "damaged")),
                when(new RefundOrder(new BigDecimal("40.00"), "damaged")));
        given(new OrderRefunded(new BigDecimal("40.00"), "damaged"));
        assertEquals(OrderStatus.DELIVERED, Order.replay(history).status(), "partly refunded");
        assertEquals("amount", refused(new RefundOrder(new BigDecimal("60.00"), "more")).field());
        assertEquals(List.of(new OrderRefunded(new BigDecimal("59.90"), "rest")), when(new RefundOrder(null, "rest")));
        given(new OrderRefunded(new BigDecimal("59.90"), "rest"));
        assertEquals(OrderStatus.REFUNDED, Order.replay(history).status());
    }

    @Test
    void anUnpaidOrderCannotBeRefundedNorAnUnknownOneChanged() {
        given(PLACED);
        assertEquals(OrderRejection.Kind.ILLEGAL_TRANSITION, refused(new RefundOrder(null, "x")).kind());
        history.clear();
        assertEquals(OrderRejection.Kind.INVALID, refused(new StartProcessing()).kind());
    }
}

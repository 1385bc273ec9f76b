package io.cloudlab.order.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cloudlab.eventstore.decider.Refusal;
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
import io.cloudlab.order.order.domain.OrderRejection.IllegalTransition;
import io.cloudlab.order.order.domain.OrderRejection.Invalid;
import io.cloudlab.order.order.domain.OrderRejection.OverRefund;
import io.cloudlab.support.testing.DeciderSpec;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Order aggregate's rules: given its events, when a command arrives, then these events (or this refusal). */
class OrderTest {

    static final DeciderSpec<OrderCommand, OrderEvent, OrderState> ORDER = DeciderSpec.of(Order.DECIDER);

    static final UUID KEYBOARD = UUID.randomUUID();
    static final UUID MOUSE = UUID.randomUUID();
    static final UUID PAYMENT = UUID.randomUUID();
    static final UUID CARD = UUID.randomUUID();
    static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "1 Main St", null, "London", "SW1", "GB");
    static final OrderLine KEYBOARDS = new OrderLine(KEYBOARD, "Keyboard", 2, new BigDecimal("49.95"));
    static final OrderLine A_MOUSE = new OrderLine(MOUSE, "Mouse", 1, new BigDecimal("19.99"));
    static final OrderLine ONE_KEYBOARD = new OrderLine(KEYBOARD, "Keyboard", 1, BigDecimal.TEN);
    static final BigDecimal TOTAL = new BigDecimal("99.90");

    static final OrderPlaced PLACED = new OrderPlaced("ORD-1", "customer-1", "EUR", PaymentMethod.PAYPAL, null,
            List.of(KEYBOARDS), TOTAL, ADDRESS);
    static final OrderPaid PAID = new OrderPaid(PAYMENT, TOTAL);
    static final OrderProcessingStarted PROCESSING = new OrderProcessingStarted();
    static final OrderShipped SHIPPED = new OrderShipped("DHL", "JD0001");
    static final OrderDelivered DELIVERED = new OrderDelivered();
    static final OrderRejected REJECTED = new OrderRejected("out of stock");
    static final OrderCancelled CANCELLED = new OrderCancelled("changed my mind", "customer-1");
    static final UUID CANCELLATION = UUID.randomUUID();
    static final OrderCancellationRequested CANCELLING = new OrderCancellationRequested(CANCELLATION, "changed my mind",
            "customer-1", PAYMENT, TOTAL, "EUR", "customer-1");
    static final UUID REFUND = UUID.randomUUID();
    static final UUID OTHER_REFUND = UUID.randomUUID();

    static CancelOrder cancel(String reason) {
        return new CancelOrder(reason, "customer-1", CANCELLATION);
    }

    static OrderRefundRequested refundAsked(UUID id, String amount, String reason) {
        return new OrderRefundRequested(id, new BigDecimal(amount), reason, false, PAYMENT, "EUR", "customer-1");
    }

    static PlaceOrder place(PaymentMethod method, UUID card, OrderLine... lines) {
        return new PlaceOrder("ORD-1", "customer-1", "EUR", method, card, List.of(lines), ADDRESS);
    }

    // Placing

    @Test
    void placingTotalsTheCataloguePricedLines() {
        OrderState placed = ORDER.given().when(place(PaymentMethod.PAYPAL, null, KEYBOARDS, A_MOUSE))
                .then(new OrderPlaced("ORD-1", "customer-1", "EUR", PaymentMethod.PAYPAL, null, List.of(KEYBOARDS, A_MOUSE),
                        new BigDecimal("119.89"), ADDRESS));
        assertEquals(OrderStatus.PENDING_PAYMENT, placed.status());
        ORDER.given().when(place(PaymentMethod.CREDIT_CARD, CARD, KEYBOARDS)).then(new OrderPlaced("ORD-1", "customer-1",
                "EUR", PaymentMethod.CREDIT_CARD, CARD, List.of(KEYBOARDS), TOTAL, ADDRESS));
    }

    @Test
    void aPlaceOrderRefusalNamesTheRequestFieldAtFault() {
        assertEquals("items[1].product_id",
                ORDER.given().when(place(PaymentMethod.PAYPAL, null, ONE_KEYBOARD, ONE_KEYBOARD)).thenRefused(Invalid.class).field());
        assertEquals("payment_method_id",
                ORDER.given().when(place(PaymentMethod.CREDIT_CARD, null, ONE_KEYBOARD)).thenRefused(Invalid.class).field());
        assertEquals("items[0].quantity", ORDER.given().when(place(PaymentMethod.PAYPAL, null,
                new OrderLine(KEYBOARD, "Keyboard", 0, BigDecimal.TEN))).thenRefused(Invalid.class).field());
        assertEquals("items[0].quantity", ORDER.given().when(place(PaymentMethod.PAYPAL, null,
                new OrderLine(KEYBOARD, "Keyboard", Order.MAX_QUANTITY + 1, BigDecimal.TEN))).thenRefused(Invalid.class).field());
        assertEquals("items", ORDER.given().when(place(PaymentMethod.PAYPAL, null)).thenRefused(Invalid.class).field());
        OrderLine[] tooMany = Collections.nCopies(Order.MAX_LINES + 1, ONE_KEYBOARD).toArray(OrderLine[]::new);
        assertEquals("items", ORDER.given().when(place(PaymentMethod.PAYPAL, null, tooMany)).thenRefused(Invalid.class).field());
    }

    @Test
    void anOrderIsPlacedOnce() {
        ORDER.given(PLACED).when(place(PaymentMethod.PAYPAL, null, KEYBOARDS)).thenRefused(IllegalTransition.class);
    }

    // Paying

    @Test
    void aConfirmedPaymentMakesThePendingOrderPaidAndARepeatChangesNothing() {
        assertEquals(OrderStatus.PAID, ORDER.given(PLACED).when(new ConfirmPayment(PAYMENT, TOTAL)).then(PAID).status());
        ORDER.given(PLACED, PAID).when(new ConfirmPayment(PAYMENT, TOTAL)).thenNothing();
        ORDER.given(PLACED, PAID).when(new ConfirmPayment(UUID.randomUUID(), TOTAL)).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, REJECTED).when(new ConfirmPayment(PAYMENT, TOTAL)).thenRefused(IllegalTransition.class);
    }

    @Test
    void aPaymentOfAnotherAmountIsRefused() {
        Invalid refused = ORDER.given(PLACED).when(new ConfirmPayment(PAYMENT, new BigDecimal("1.00"))).thenRefused(Invalid.class);
        assertEquals("amount", refused.field());
        assertEquals("the payment of 1.00 does not match the order total 99.90", refused.getMessage());
    }

    // Fulfilling

    @Test
    void fulfilmentGoesPaidProcessingShippedDeliveredAndNoStepIsSkipped() {
        ORDER.given(PLACED, PAID).when(new ShipOrder("DHL", "1")).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED).when(new StartProcessing()).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, PAID).when(new StartProcessing()).then(PROCESSING);
        ORDER.given(PLACED, PAID, PROCESSING).when(new ShipOrder("DHL", "JD0001")).then(SHIPPED);
        ORDER.given(PLACED, PAID, PROCESSING).when(new DeliverOrder()).thenRefused(IllegalTransition.class);
        assertEquals(OrderStatus.DELIVERED, ORDER.given(PLACED, PAID, PROCESSING, SHIPPED).when(new DeliverOrder())
                .then(DELIVERED).status());
    }

    @Test
    void aRepeatedFulfilmentStepChangesNothing() {
        ORDER.given(PLACED, PAID, PROCESSING).when(new StartProcessing()).thenNothing();
        ORDER.given(PLACED, PAID, PROCESSING, SHIPPED).when(new ShipOrder("DHL", "JD0001")).thenNothing();
        ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED).when(new DeliverOrder()).thenNothing();
    }

    // Cancelling and rejecting

    @Test
    void anUnpaidOrderIsCancelledAtOnceAShippedOneNotAtAll() {
        assertEquals(OrderStatus.CANCELLED, ORDER.given(PLACED).when(cancel("changed my mind")).then(CANCELLED).status());
        ORDER.given(PLACED, CANCELLED).when(cancel("again")).thenNothing();
        assertEquals("an order that is shipped cannot be cancelled", ORDER.given(PLACED, PAID, PROCESSING, SHIPPED)
                .when(cancel("too late")).thenRefused(IllegalTransition.class).getMessage());
    }

    @Test
    void aPaidOrderAsksForItsCancellationAndStaysPaidUntilTheSagaCompletesIt() {
        OrderState asked = ORDER.given(PLACED, PAID).when(cancel("changed my mind")).then(CANCELLING);
        assertEquals(OrderStatus.PAID, asked.status());
        ORDER.given(PLACED, PAID, PROCESSING).when(cancel("changed my mind")).then(CANCELLING);
        ORDER.given(PLACED, PAID, CANCELLING).when(cancel("again")).thenNothing();
        OrderRefunded refunded = new OrderRefunded(TOTAL, "changed my mind", null);
        OrderState done = ORDER.given(PLACED, PAID, CANCELLING).when(new CompleteCancellation(TOTAL))
                .then(refunded, CANCELLED);
        assertEquals(OrderStatus.CANCELLED, done.status());
        assertEquals(TOTAL, done.refunded());
        ORDER.given(PLACED, PAID, CANCELLING, refunded, CANCELLED).when(new CompleteCancellation(TOTAL)).thenNothing();
    }

    @Test
    void anOrderBeingCancelledIsNeitherProcessedShippedNorRefunded() {
        assertEquals("an order that is being cancelled cannot be processed", ORDER.given(PLACED, PAID, CANCELLING)
                .when(new StartProcessing()).thenRefused(IllegalTransition.class).getMessage());
        ORDER.given(PLACED, PAID, PROCESSING, CANCELLING).when(new ShipOrder("DHL", "1")).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, PAID, CANCELLING).when(new RequestRefund(REFUND, null, "x", false))
                .thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, PAID, refundAsked(REFUND, "10.00", "x")).when(cancel("x")).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, PAID).when(new CompleteCancellation(TOTAL)).thenRefused(IllegalTransition.class);
    }

    @Test
    void aSagaThatStopsHoldsTheOrderUntilItGoesOn() {
        OrderHeld held = new OrderHeld("refund_payment failed: gateway_refused");
        OrderState state = ORDER.given(PLACED, PAID, CANCELLING).when(new HoldOrder(held.reason())).then(held);
        assertEquals(held.reason(), state.hold());
        assertEquals(OrderStatus.PAID, state.status());
        ORDER.given(PLACED, PAID, CANCELLING, held).when(new HoldOrder(held.reason())).thenNothing();
        assertNull(ORDER.given(PLACED, PAID, CANCELLING, held, new OrderRefunded(TOTAL, "x", null), CANCELLED).state().hold());
    }

    @Test
    void onlyAnUnpaidOrderIsRejectedAndARepeatedRejectionChangesNothing() {
        ORDER.given(PLACED).when(new RejectOrder("out of stock")).then(REJECTED);
        assertEquals(OrderStatus.CANCELLED, ORDER.given(PLACED, REJECTED).state().status());
        ORDER.given(PLACED, REJECTED).when(new RejectOrder("out of stock")).thenNothing();
        ORDER.given(PLACED, PAID).when(new RejectOrder("out of stock")).thenRefused(IllegalTransition.class);
    }

    // Refunding

    @Test
    void refundsAskedForAndRecordedNeverExceedWhatWasPaidAndOnlyAFullRefundMakesTheOrderRefunded() {
        OrderRefundRequested part = refundAsked(REFUND, "40.00", "damaged");
        assertEquals(OrderStatus.DELIVERED, ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED)
                .when(new RequestRefund(REFUND, new BigDecimal("40.00"), "damaged", false)).then(part).status());
        OverRefund tooMuch = ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, part)
                .when(new RequestRefund(OTHER_REFUND, new BigDecimal("60.00"), "more", false)).thenRefused(OverRefund.class);
        assertEquals("amount", tooMuch.field());
        assertEquals(Refusal.Kind.CONFLICT, tooMuch.kind());
        assertEquals("more than may still be refunded (59.90)", tooMuch.getMessage());
        OrderRefunded recorded = new OrderRefunded(new BigDecimal("40.00"), "damaged", REFUND);
        OrderState partly = ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, part)
                .when(new RecordRefund(REFUND, new BigDecimal("40.00"))).then(recorded);
        assertEquals(OrderStatus.DELIVERED, partly.status());
        ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, part, recorded)
                .when(new RecordRefund(REFUND, new BigDecimal("40.00"))).thenNothing();
        OrderRefundRequested rest = refundAsked(OTHER_REFUND, "59.90", "rest");
        ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, part, recorded)
                .when(new RequestRefund(OTHER_REFUND, null, "rest", false)).then(rest);
        assertEquals(OrderStatus.REFUNDED, ORDER.given(PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, part, recorded, rest,
                new OrderRefunded(new BigDecimal("59.90"), "rest", OTHER_REFUND)).state().status());
    }

    @Test
    void theSameRefundAskedTwiceIsOneRefund() {
        OrderRefundRequested part = refundAsked(REFUND, "40.00", "damaged");
        ORDER.given(PLACED, PAID, part).when(new RequestRefund(REFUND, new BigDecimal("40.00"), "damaged", false)).thenNothing();
        ORDER.given(PLACED, PAID).when(new RecordRefund(REFUND, new BigDecimal("40.00"))).thenRefused(IllegalTransition.class);
        assertEquals("amount", ORDER.given(PLACED, PAID, part).when(new RecordRefund(REFUND, new BigDecimal("41.00")))
                .thenRefused(Invalid.class).field());
    }

    @Test
    void anUnpaidOrCancelledOrderCannotBeRefundedNorAnUnknownOneChanged() {
        ORDER.given(PLACED).when(new RequestRefund(REFUND, null, "x", false)).thenRefused(IllegalTransition.class);
        ORDER.given(PLACED, CANCELLED).when(new RequestRefund(REFUND, null, "x", false)).thenRefused(IllegalTransition.class);
        Invalid unknown = ORDER.given().when(new StartProcessing()).thenRefused(Invalid.class);
        assertEquals("order_id", unknown.field());
        assertEquals("no such order", unknown.getMessage());
    }

    // What the edge answers

    @Test
    void aWrongStateIsAConflictAndABadRequestFieldIsUnprocessable() {
        Refusal conflict = ORDER.given(PLACED, PAID, PROCESSING, SHIPPED).when(cancel("x")).thenRefused(IllegalTransition.class);
        assertEquals(Refusal.Kind.CONFLICT, conflict.kind());
        assertEquals("illegal-transition", conflict.slug());
        assertNull(conflict.field());
        Refusal invalid = ORDER.given(PLACED).when(new ConfirmPayment(PAYMENT, BigDecimal.ONE)).thenRefused(Invalid.class);
        assertEquals(Refusal.Kind.UNPROCESSABLE, invalid.kind());
        assertEquals("order-rejected", invalid.slug());
    }

    @Test
    void theStateIsTheFoldOfTheEvents() {
        OrderRefundRequested asked = refundAsked(REFUND, "10.00", "r");
        OrderState state = ORDER.given(PLACED, PAID, asked, refundAsked(OTHER_REFUND, "5.00", "s"),
                new OrderRefunded(new BigDecimal("10.00"), "r", REFUND)).state();
        assertEquals(new OrderState(OrderStatus.PAID, PLACED, PAYMENT, TOTAL, new BigDecimal("10.00"), null,
                Map.of(OTHER_REFUND, refundAsked(OTHER_REFUND, "5.00", "s")), Set.of(REFUND, OTHER_REFUND), null), state);
        assertEquals(new BigDecimal("84.90"), state.refundable());
        assertEquals("customer-1", state.customerId());
        assertEquals(OrderState.NONE, ORDER.given().state());
    }
}

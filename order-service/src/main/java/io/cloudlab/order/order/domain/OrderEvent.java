package io.cloudlab.order.order.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** What happened to an order. The stream of these is the order; its status is derived from them. */
public sealed interface OrderEvent {

    /** A customer placed the order; lines and total were priced from the catalogue, not by the client. */
    record OrderPlaced(String orderNumber, String customerId, String currency, PaymentMethod paymentMethod,
            UUID paymentMethodId, List<OrderLine> lines, BigDecimal totalAmount, ShippingAddress shippingAddress)
            implements OrderEvent {}

    /** The payment for the order was authorized: the order is paid. */
    record OrderPaid(UUID paymentId, BigDecimal amount) implements OrderEvent {}

    /** The platform could not fulfil the order (no stock, payment declined) before it was paid. */
    record OrderRejected(String reason) implements OrderEvent {}

    /** The customer or staff cancelled the order before it shipped. */
    record OrderCancelled(String reason, String cancelledBy) implements OrderEvent {}

    record OrderProcessingStarted() implements OrderEvent {}

    record OrderShipped(String carrier, String trackingNumber) implements OrderEvent {}

    record OrderDelivered() implements OrderEvent {}

    /** Money went back to the customer, in whole or in part. */
    record OrderRefunded(BigDecimal amount, String reason) implements OrderEvent {}
}

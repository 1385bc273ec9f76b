package io.cloudlab.order.order.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** What may be asked of an order. Placing creates it; every other command moves an existing one along. */
public sealed interface OrderCommand {

    /** The verb for messages: "an order that is shipped cannot be cancelled". */
    String verb();

    record PlaceOrder(String orderNumber, String customerId, String currency, PaymentMethod paymentMethod,
            UUID paymentMethodId, List<OrderLine> lines, ShippingAddress shippingAddress) implements OrderCommand {
        public String verb() { return "placed"; }
    }

    record ConfirmPayment(UUID paymentId, BigDecimal amount) implements OrderCommand {
        public String verb() { return "confirmed as paid"; }
    }

    record RejectOrder(String reason) implements OrderCommand {
        public String verb() { return "rejected"; }
    }

    /** {@code cancellationId} names the cancellation saga, when the order is paid and needs one. */
    record CancelOrder(String reason, String cancelledBy, UUID cancellationId) implements OrderCommand {
        public String verb() { return "cancelled"; }
    }

    record StartProcessing() implements OrderCommand {
        public String verb() { return "processed"; }
    }

    record ShipOrder(String carrier, String trackingNumber) implements OrderCommand {
        public String verb() { return "shipped"; }
    }

    record DeliverOrder() implements OrderCommand {
        public String verb() { return "delivered"; }
    }

    /** Staff: refund {@code amount} (null: whatever may still be refunded) under {@code refundId}. */
    record RequestRefund(UUID refundId, BigDecimal amount, String reason, boolean restock) implements OrderCommand {
        public String verb() { return "refunded"; }
    }

    /** The refund saga moved the money of {@code refundId}. */
    record RecordRefund(UUID refundId, BigDecimal amount) implements OrderCommand {
        public String verb() { return "refunded"; }
    }

    /** The cancellation saga gave {@code refunded} back and the units: the order ends cancelled. */
    record CompleteCancellation(BigDecimal refunded) implements OrderCommand {
        public String verb() { return "cancelled"; }
    }

    /** A saga about the order stopped for an operator. */
    record HoldOrder(String reason) implements OrderCommand {
        public String verb() { return "held"; }
    }
}

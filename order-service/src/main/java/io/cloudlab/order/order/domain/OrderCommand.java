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

    record CancelOrder(String reason, String cancelledBy) implements OrderCommand {
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

    /** {@code amount} null refunds whatever was paid and not yet refunded. */
    record RefundOrder(BigDecimal amount, String reason) implements OrderCommand {
        public String verb() { return "refunded"; }
    }
}

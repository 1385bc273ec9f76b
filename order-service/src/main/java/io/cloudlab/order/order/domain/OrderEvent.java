package io.cloudlab.order.order.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What happened to an order. The stream of these is the order; its status is derived from them. Each
 * component's wire name is pinned by {@code @JsonProperty} (the stored and published JSON, see
 * OrderEventCodec), so renaming a Java component cannot change what is in the store or on Kafka; money is a
 * decimal string with two decimals.
 */
public sealed interface OrderEvent {

    /** A customer placed the order; lines and total were priced from the catalogue, not by the client. */
    record OrderPlaced(
            @JsonProperty("order_number") String orderNumber,
            @JsonProperty("customer_id") String customerId,
            @JsonProperty("currency") String currency,
            @JsonProperty("payment_method") PaymentMethod paymentMethod,
            @JsonProperty("payment_method_id") UUID paymentMethodId,
            @JsonProperty("lines") List<OrderLine> lines,
            @JsonProperty("total_amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalAmount,
            @JsonProperty("shipping_address") ShippingAddress shippingAddress) implements OrderEvent {

        public OrderPlaced {
            lines = lines == null ? null : List.copyOf(lines);
            totalAmount = Amounts.cents(totalAmount);
        }
    }

    /** The payment for the order was authorized: the order is paid. */
    record OrderPaid(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) implements OrderEvent {

        public OrderPaid {
            amount = Amounts.cents(amount);
        }
    }

    /** The platform could not fulfil the order (no stock, payment declined) before it was paid. */
    record OrderRejected(@JsonProperty("reason") String reason) implements OrderEvent {}

    /** The order ended cancelled: before it was paid, or after its cancellation saga gave the money back. */
    record OrderCancelled(
            @JsonProperty("reason") String reason,
            @JsonProperty("cancelled_by") String cancelledBy) implements OrderEvent {}

    record OrderProcessingStarted() implements OrderEvent {}

    record OrderShipped(
            @JsonProperty("carrier") String carrier,
            @JsonProperty("tracking_number") String trackingNumber) implements OrderEvent {}

    record OrderDelivered() implements OrderEvent {}

    /**
     * Money went back to the customer, in whole or in part. {@code refundId} names the refund staff asked for
     * ({@link OrderRefundRequested}); null for the refund that ends a cancellation.
     */
    record OrderRefunded(
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("reason") String reason,
            @JsonProperty("refund_id") UUID refundId) implements OrderEvent {

        public OrderRefunded {
            amount = Amounts.cents(amount);
        }
    }

    /**
     * A paid order is to be cancelled: the cancellation saga gives back {@code amount} (what was paid and not
     * yet refunded) and the units, then ends it cancelled; {@code cancellationId} is the saga's id. Read by
     * the orchestrator (contract OrderCancellationRequested).
     */
    record OrderCancellationRequested(
            @JsonProperty("cancellation_id") UUID cancellationId,
            @JsonProperty("reason") String reason,
            @JsonProperty("requested_by") String requestedBy,
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("customer_id") String customerId) implements OrderEvent {

        public OrderCancellationRequested {
            amount = Amounts.cents(amount);
        }
    }

    /**
     * Staff asked to refund {@code amount}, the units back on sale when {@code restock}: the refund saga moves
     * the money, then the order records it ({@link OrderRefunded} with this {@code refundId}). Read by the
     * orchestrator (contract OrderRefundRequested).
     */
    record OrderRefundRequested(
            @JsonProperty("refund_id") UUID refundId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("reason") String reason,
            @JsonProperty("restock") boolean restock,
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("currency") String currency,
            @JsonProperty("customer_id") String customerId) implements OrderEvent {

        public OrderRefundRequested {
            amount = Amounts.cents(amount);
        }
    }

    /** A saga about the order stopped for an operator (a refund the gateway refused): why, until it goes on. */
    record OrderHeld(@JsonProperty("reason") String reason) implements OrderEvent {}
}

package io.cloudlab.order.order.api;

import io.cloudlab.order.order.domain.ShippingAddress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order as the storefront shows it (made by the order-views fold, see OrderViewFold). {@code position} is
 * the store position of its last event: a client that later reads a projection can ask for one at least that
 * fresh. {@code cancellation}, {@code refundsUnderWay} and {@code held} show a paid order's sagas: a
 * cancellation under way or done, refunds not yet recorded, and why a saga stopped for an operator.
 */
public record OrderView(UUID orderId, String orderNumber, String status, String customerId, String currency,
        String paymentMethod, UUID paymentMethodId, List<Line> lines, String totalAmount, ShippingAddress shippingAddress,
        String paidAmount, String refundedAmount, Cancellation cancellation, List<Refund> refundsUnderWay, String held,
        int version, long position, OffsetDateTime placedAt, OffsetDateTime updatedAt, List<Step> timeline) {

    public record Line(UUID productId, String productName, int quantity, String unitPrice, String lineTotal) {}

    /** One event of the order's history, as a client can show it. */
    public record Step(String event, OffsetDateTime at) {}

    /** A paid order's cancellation: {@code sagaId} its saga (GET /sagas/{id}), {@code status} under_way or completed. */
    public record Cancellation(UUID sagaId, String reason, String requestedBy, String status) {}

    /** A refund staff asked for that is not yet recorded: {@code sagaId} its saga. */
    public record Refund(UUID sagaId, String amount, String reason, boolean restock) {}

    public static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}

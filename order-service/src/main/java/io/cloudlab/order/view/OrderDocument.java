package io.cloudlab.order.view;

import io.cloudlab.order.history.OrderSummary;
import io.cloudlab.order.order.api.OrderView;
import io.cloudlab.order.order.domain.ShippingAddress;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order as the {@code order-views} projection keeps it in Redis: what the storefront's order view shows,
 * plus what the fold needs to go on (tenant, amounts paid and refunded) and what the customer's list shows.
 * Both views are made from it, so the Redis tier answers exactly what the PostgreSQL tier answers.
 */
public record OrderDocument(UUID orderId, UUID tenantId, String orderNumber, String status, String customerId,
        String currency, String paymentMethod, UUID paymentMethodId, List<OrderView.Line> lines, String totalAmount,
        ShippingAddress shippingAddress, String paidAmount, String refundedAmount, OrderView.Cancellation cancellation,
        List<OrderView.Refund> refundsUnderWay, String held, int version, long position, OffsetDateTime placedAt,
        OffsetDateTime updatedAt, List<OrderView.Step> timeline) {

    public OrderDocument {
        // Documents written before refunds ran as sagas have no list.
        refundsUnderWay = refundsUnderWay == null ? List.of() : List.copyOf(refundsUnderWay);
    }

    public OrderView view() {
        return new OrderView(orderId, orderNumber, status, customerId, currency, paymentMethod, paymentMethodId, lines,
                totalAmount, shippingAddress, paidAmount, refundedAmount, cancellation, refundsUnderWay, held, version,
                position, placedAt, updatedAt, timeline);
    }

    public OrderSummary summary() {
        return new OrderSummary(orderId, orderNumber, status, paymentMethod, currency, new BigDecimal(totalAmount),
                lines.size(), placedAt, updatedAt);
    }

    /** The document once the customer is erased: a fold of the order's events now reads their address as null. */
    public OrderDocument withoutShippingAddress() {
        return new OrderDocument(orderId, tenantId, orderNumber, status, customerId, currency, paymentMethod, paymentMethodId,
                lines, totalAmount, null, paidAmount, refundedAmount, cancellation, refundsUnderWay, held, version, position,
                placedAt, updatedAt, timeline);
    }

    /** Whether the caller may see it: same tenant, and the customer who placed it unless staff. */
    public boolean visibleTo(UUID callerTenant, String callerId, boolean staff) {
        return tenantId.equals(callerTenant) && (staff || customerId.equals(callerId));
    }
}

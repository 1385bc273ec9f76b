package io.cloudlab.order.order.api;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.domain.ShippingAddress;
import io.cloudlab.order.order.store.StoredOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order as the storefront shows it, folded from its stream. {@code position} is the store position of
 * its last event: a client that later reads a projection can ask for one at least that fresh.
 */
public record OrderView(UUID orderId, String orderNumber, String status, String customerId, String currency,
        String paymentMethod, UUID paymentMethodId, List<Line> lines, String totalAmount, ShippingAddress shippingAddress,
        int version, long position, OffsetDateTime placedAt, OffsetDateTime updatedAt, List<Step> timeline) {

    public record Line(UUID productId, String productName, int quantity, String unitPrice, String lineTotal) {}

    /** One event of the order's history, as a client can show it. */
    public record Step(String event, OffsetDateTime at) {}

    public static OrderView of(StoredOrder stored) {
        OrderPlaced placed = stored.state().placed();
        List<Step> timeline = new ArrayList<>();
        for (RecordedEvent e : stored.history()) timeline.add(new Step(e.eventType(), e.createdAt()));
        List<Line> lines = placed.lines().stream().map(OrderView::line).toList();
        List<RecordedEvent> history = stored.history();
        return new OrderView(stored.orderId(), placed.orderNumber(), stored.state().status().toString(),
                placed.customerId(), placed.currency(), placed.paymentMethod().toString(), placed.paymentMethodId(),
                lines, money(placed.totalAmount()), placed.shippingAddress(), stored.version(), stored.lastPosition(),
                history.get(0).createdAt(), history.get(history.size() - 1).createdAt(), timeline);
    }

    private static Line line(OrderLine line) {
        return new Line(line.productId(), line.productName(), line.quantity(), money(line.unitPrice()),
                money(line.lineTotal()));
    }

    public static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

}

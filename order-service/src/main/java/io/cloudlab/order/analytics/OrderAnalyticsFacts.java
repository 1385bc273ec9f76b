package io.cloudlab.order.analytics;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.readmodels.clickhouse.FactMapper;
import io.cloudlab.readmodels.clickhouse.FactRow;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an Order or Payment event adds to the analytics facts: one {@code order_facts} row per Order event, one
 * {@code order_line_facts} row per line of a placed order, one {@code payment_facts} row per Payment event.
 * Plain code over the event alone (and the vendors of the batch's products, looked up before), so projecting,
 * rebuilding and auditing get the same rows.
 *
 * <p>Order events are read with the order's own codec, so a change of the published contract breaks here, in a
 * test, rather than in a figure. Payment events are payment-service's: read field by field from their
 * published form (docs/services/payment-service.md), since order-service does not depend on payment-service.
 */
public final class OrderAnalyticsFacts implements FactMapper {

    static final String ORDER_FACTS = "order_facts";
    static final String ORDER_LINE_FACTS = "order_line_facts";
    static final String PAYMENT_FACTS = "payment_facts";
    static final String ORDER = OrderEventCodec.AGGREGATE_TYPE;
    static final String PAYMENT = "Payment";
    private static final Set<String> PAYMENT_EVENTS = Set.of("PaymentAuthorized", "PaymentDeclined",
            "PaymentAuthorizationTimedOut", "PaymentCaptured", "PaymentVoided", "PaymentRefunded");

    private final Map<UUID, UUID> vendors;

    /** @param vendors vendor of each product the batch's orders contain (absent: unknown) */
    public OrderAnalyticsFacts(Map<UUID, UUID> vendors) {
        this.vendors = vendors;
    }

    @Override
    public List<FactRow> facts(RecordedEvent event) {
        return switch (event.aggregateType()) {
            case ORDER -> orderFacts(event, OrderEventCodec.decode(event));
            case PAYMENT -> paymentFacts(event);
            default -> List.of();
        };
    }

    private List<FactRow> orderFacts(RecordedEvent event, OrderEvent decoded) {
        // Asked for, or held: what analytics count (the refunds, the cancellation) comes as its own event.
        if (decoded instanceof OrderEvent.OrderCancellationRequested || decoded instanceof OrderEvent.OrderRefundRequested
                || decoded instanceof OrderEvent.OrderHeld) {
            return List.of();
        }
        JsonObject row = base(event).put("order_id", event.aggregateId().toString()).put("event_type", event.eventType())
                .put("customer_id", "").put("currency", "").put("payment_method", "").put("amount", BigDecimal.ZERO)
                .put("item_count", 0).put("reason", "").put("cancelled_by", "").put("carrier", "");
        List<FactRow> rows = new ArrayList<>();
        if (decoded instanceof OrderEvent.OrderPlaced placed) {
            // An erased customer's order counts without them: a rebuild after the erasure writes what it rewrote.
            boolean erased = event.metadata() != null && event.metadata().containsKey("erased_subject");
            row.put("customer_id", erased ? "" : placed.customerId()).put("currency", placed.currency())
                    .put("payment_method", placed.paymentMethod().toString()).put("amount", placed.totalAmount())
                    .put("item_count", placed.lines().size());
            for (int i = 0; i < placed.lines().size(); i++) rows.add(line(event, placed, i));
        } else if (decoded instanceof OrderEvent.OrderPaid paid) {
            row.put("amount", paid.amount());
        } else if (decoded instanceof OrderEvent.OrderRejected rejected) {
            row.put("reason", text(rejected.reason()));
        } else if (decoded instanceof OrderEvent.OrderCancelled cancelled) {
            row.put("reason", text(cancelled.reason())).put("cancelled_by", text(cancelled.cancelledBy()));
        } else if (decoded instanceof OrderEvent.OrderShipped shipped) {
            row.put("carrier", text(shipped.carrier()));
        } else if (decoded instanceof OrderEvent.OrderRefunded refunded) {
            row.put("amount", refunded.amount()).put("reason", text(refunded.reason()));
        }
        rows.add(0, new FactRow(ORDER_FACTS, row));
        return rows;
    }

    private FactRow line(RecordedEvent event, OrderEvent.OrderPlaced placed, int index) {
        OrderLine line = placed.lines().get(index);
        UUID vendor = vendors.get(line.productId());
        return new FactRow(ORDER_LINE_FACTS, base(event).put("order_id", event.aggregateId().toString())
                .put("line_number", index + 1).put("product_id", line.productId().toString())
                .put("product_name", line.productName()).put("vendor_id", vendor == null ? null : vendor.toString())
                .put("quantity", line.quantity()).put("unit_price", line.unitPrice()).put("line_total", line.lineTotal())
                .put("currency", placed.currency()));
    }

    private List<FactRow> paymentFacts(RecordedEvent event) {
        if (!PAYMENT_EVENTS.contains(event.eventType())) return List.of();
        JsonObject data = event.data();
        String amount = data.getString("amount");
        return List.of(new FactRow(PAYMENT_FACTS, base(event).put("payment_id", event.aggregateId().toString())
                .put("order_id", UUID.fromString(data.getString("order_id")).toString())
                .put("event_type", event.eventType())
                .put("amount", amount == null ? BigDecimal.ZERO : new BigDecimal(amount))
                .put("currency", text(data.getString("currency")))
                .put("payment_method", text(data.getString("payment_method")))
                .put("decline_reason", "PaymentDeclined".equals(event.eventType()) ? text(data.getString("reason")) : "")));
    }

    private static JsonObject base(RecordedEvent event) {
        return new JsonObject().put("tenant_id", event.tenantId().toString())
                .put("occurred_at", event.createdAt().toInstant().toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

package io.cloudlab.order.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.domain.PaymentMethod;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.readmodels.clickhouse.FactRow;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fact mapping alone: events in, rows out, no ClickHouse. */
class OrderAnalyticsFactsTest {

    static final UUID TENANT = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final UUID KEYBOARD = UUID.randomUUID();
    static final UUID MOUSE = UUID.randomUUID();
    static final UUID VENDOR = UUID.randomUUID();
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 22, 10, 15, 30, 0, ZoneOffset.UTC);

    final OrderAnalyticsFacts facts = new OrderAnalyticsFacts(Map.of(KEYBOARD, VENDOR));

    static RecordedEvent order(OrderEvent event) {
        return recorded("Order", ORDER, OrderEventCodec.typeOf(event), OrderEventCodec.encode(event, UUID.randomUUID()).data());
    }

    static RecordedEvent recorded(String aggregateType, UUID aggregate, String type, JsonObject data) {
        return new RecordedEvent(UUID.randomUUID(), aggregate, aggregateType, type, 1, 1, data, null, TENANT, 42, 7, AT);
    }

    @Test
    void aPlacedOrderIsOneOrderFactAndOneLineFactPerLineWithTheProductsVendor() {
        List<FactRow> rows = facts.facts(order(new OrderEvent.OrderPlaced("ORD-1", "cust-1", "EUR", PaymentMethod.PAYPAL, null,
                List.of(new OrderLine(KEYBOARD, "Keyboard", 2, new BigDecimal("49.95")),
                        new OrderLine(MOUSE, "Mouse", 1, new BigDecimal("19.99"))),
                new BigDecimal("119.89"), null)));
        assertEquals(List.of("order_facts", "order_line_facts", "order_line_facts"), rows.stream().map(FactRow::table).toList());
        JsonObject placed = rows.get(0).row();
        assertEquals("OrderPlaced", placed.getString("event_type"));
        assertEquals(new BigDecimal("119.89"), placed.getValue("amount"));
        assertEquals(2, placed.getInteger("item_count"));
        assertEquals("cust-1", placed.getString("customer_id"));
        assertEquals("paypal", placed.getString("payment_method"));
        assertEquals(TENANT.toString(), placed.getString("tenant_id"));
        assertEquals(ORDER.toString(), placed.getString("order_id"));
        assertEquals("2026-11-22T10:15:30Z", placed.getString("occurred_at"));
        JsonObject keyboard = rows.get(1).row();
        assertEquals(1, keyboard.getInteger("line_number"));
        assertEquals(VENDOR.toString(), keyboard.getString("vendor_id"));
        assertEquals(new BigDecimal("99.90"), keyboard.getValue("line_total"));
        JsonObject mouse = rows.get(2).row();
        assertEquals(2, mouse.getInteger("line_number"));
        assertNull(mouse.getString("vendor_id"), "a product without a known vendor is reported as unknown");
    }

    @Test
    void anErasedCustomersOrderCountsWithoutThem() {
        OrderEvent.OrderPlaced placed = new OrderEvent.OrderPlaced("ORD-2", "cust-2", "EUR", PaymentMethod.PAYPAL, null,
                List.of(new OrderLine(KEYBOARD, "Keyboard", 1, new BigDecimal("49.95"))), new BigDecimal("49.95"), null);
        // As the store reads it once the customer's key is shredded: the personal fields null, and named as erased.
        RecordedEvent erased = new RecordedEvent(UUID.randomUUID(), ORDER, "Order", "OrderPlaced", 1, 1,
                OrderEventCodec.encode(placed, UUID.randomUUID()).data(), new JsonObject()
                        .put("erased_fields", new io.vertx.core.json.JsonArray().add("shipping_address"))
                        .put("erased_subject", UUID.randomUUID().toString()), TENANT, 42, 7, AT);
        JsonObject row = facts.facts(erased).get(0).row();
        assertEquals("", row.getString("customer_id"));
        assertEquals(new BigDecimal("49.95"), row.getValue("amount"), "the money still counts");
    }

    @Test
    void eachLaterOrderEventIsOneOrderFactWithWhatItSays() {
        assertEquals(new BigDecimal("99.90"), only(order(new OrderEvent.OrderPaid(UUID.randomUUID(), new BigDecimal("99.90")))).getValue("amount"));
        assertEquals("payment_declined", only(order(new OrderEvent.OrderRejected("payment_declined"))).getString("reason"));
        JsonObject cancelled = only(order(new OrderEvent.OrderCancelled("changed my mind", "cust-1")));
        assertEquals("changed my mind", cancelled.getString("reason"));
        assertEquals("cust-1", cancelled.getString("cancelled_by"));
        assertEquals("DHL", only(order(new OrderEvent.OrderShipped("DHL", "JD1"))).getString("carrier"));
        assertEquals("OrderDelivered", only(order(new OrderEvent.OrderDelivered())).getString("event_type"));
        JsonObject refunded = only(order(new OrderEvent.OrderRefunded(new BigDecimal("20.00"), "late", null)));
        assertEquals(new BigDecimal("20.00"), refunded.getValue("amount"));
        assertEquals("late", refunded.getString("reason"));
    }

    @Test
    void paymentEventsArePaymentFactsAndOnlyADeclineHasADeclineReason() {
        UUID payment = UUID.randomUUID();
        JsonObject declined = only(recorded("Payment", payment, "PaymentDeclined", new JsonObject()
                .put("order_id", ORDER.toString()).put("amount", "19.99").put("currency", "EUR")
                .put("payment_method", "credit_card").put("reason", "insufficient_funds")));
        assertEquals(payment.toString(), declined.getString("payment_id"));
        assertEquals(ORDER.toString(), declined.getString("order_id"));
        assertEquals("insufficient_funds", declined.getString("decline_reason"));
        assertEquals(new BigDecimal("19.99"), declined.getValue("amount"));
        JsonObject refunded = only(recorded("Payment", payment, "PaymentRefunded", new JsonObject()
                .put("order_id", ORDER.toString()).put("amount", "5.00").put("refunded_total", "5.00").put("reason", "late")));
        assertEquals("", refunded.getString("decline_reason"));
        JsonObject voided = only(recorded("Payment", payment, "PaymentVoided", new JsonObject().put("order_id", ORDER.toString())));
        assertEquals(BigDecimal.ZERO, voided.getValue("amount"));
    }

    @Test
    void eventsThatAreNoFactAddNothingAndUnreadableOnesThrowSoTheyAreParked() {
        assertTrue(facts.facts(recorded("Payment", UUID.randomUUID(), "PaymentMethodAdded", new JsonObject())).isEmpty());
        assertTrue(facts.facts(recorded("Product", UUID.randomUUID(), "ProductCreated", new JsonObject())).isEmpty());
        // What a saga is asked to do is no fact; what it did (OrderRefunded, OrderCancelled) is.
        assertTrue(facts.facts(order(new OrderEvent.OrderRefundRequested(UUID.randomUUID(), new BigDecimal("1.00"), "r",
                false, UUID.randomUUID(), "EUR", "c"))).isEmpty());
        assertTrue(facts.facts(order(new OrderEvent.OrderHeld("stopped"))).isEmpty());
        assertThrows(RuntimeException.class, () -> facts.facts(recorded("Order", ORDER, "OrderTeleported", new JsonObject())));
        assertThrows(RuntimeException.class, () -> facts.facts(recorded("Payment", UUID.randomUUID(), "PaymentDeclined",
                new JsonObject().put("order_id", "not-a-uuid"))));
    }

    @Test
    void theSameEventGivesTheSameRowsEveryTime() {
        RecordedEvent paid = order(new OrderEvent.OrderPaid(UUID.randomUUID(), new BigDecimal("10.00")));
        assertEquals(facts.facts(paid), facts.facts(paid));
    }

    private JsonObject only(RecordedEvent event) {
        List<FactRow> rows = facts.facts(event);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0).row();
    }
}

package io.cloudlab.order.order.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.domain.PaymentMethod;
import io.cloudlab.order.order.domain.ShippingAddress;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stored and published JSON of every order event, written out by hand: what is in the store, on Kafka and
 * in other services' readers (contracts' OrderPlaced) stays readable only while these strings do not change.
 * A failure here is a changed wire format, not a test to update.
 */
class OrderEventCodecGoldenTest {

    static final UUID KEYBOARD = UUID.fromString("6f1c2b9e-3d4a-4f5e-9a8b-7c6d5e4f3a2b");
    static final UUID MOUSE = UUID.fromString("7a2d3c0f-4e5b-4a6f-8b9c-8d7e6f5a4b3c");
    static final UUID CARD = UUID.fromString("0d9c8b7a-6f5e-4d3c-2b1a-098f7e6d5c4b");
    static final UUID PAYMENT = UUID.fromString("1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b");

    static final OrderEvent.OrderPlaced PLACED = new OrderEvent.OrderPlaced("ORD-20261202-00000042", "customer-1", "EUR",
            PaymentMethod.CREDIT_CARD, CARD,
            List.of(new OrderLine(KEYBOARD, "Keyboard", 2, new BigDecimal("49.95")),
                    new OrderLine(MOUSE, "Mouse", 1, new BigDecimal("19.99"))),
            new BigDecimal("119.89"),
            new ShippingAddress("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", "GB"));

    @Test
    void orderPlacedWithItsAddressAsPersonalDataOfTheCustomer() {
        NewEvent encoded = golden(PLACED, "OrderPlaced", """
                {"order_number":"ORD-20261202-00000042","customer_id":"customer-1","currency":"EUR",\
                "payment_method":"credit_card","payment_method_id":"0d9c8b7a-6f5e-4d3c-2b1a-098f7e6d5c4b",\
                "lines":[{"product_id":"6f1c2b9e-3d4a-4f5e-9a8b-7c6d5e4f3a2b","product_name":"Keyboard","quantity":2,\
                "unit_price":"49.95"},{"product_id":"7a2d3c0f-4e5b-4a6f-8b9c-8d7e6f5a4b3c","product_name":"Mouse",\
                "quantity":1,"unit_price":"19.99"}],"total_amount":"119.89","shipping_address":{"recipient":"Ada Lovelace",\
                "line1":"12 St James's Square","line2":null,"city":"London","postal_code":"SW1Y 4JH","country":"GB"}}""");
        assertEquals(PersonalData.of(PersonalData.customerSubject("customer-1"), "shipping_address"), encoded.personalData());
        assertEquals(UUID.fromString("1cfad640-f9c9-355c-b9bd-c251c581dd7d"), encoded.personalData().subjectId(),
                "a customer id that is no UUID names its subject by a name-based UUID");
    }

    @Test
    void orderPlacedWithoutACardNorAnAddressWritesBothAsNull() {
        // An erased customer's address reads back as null: the order stays readable.
        golden(new OrderEvent.OrderPlaced("ORD-20261202-00000043", "customer-2", "USD", PaymentMethod.PAYPAL, null,
                        List.of(new OrderLine(MOUSE, "Mouse", 1, new BigDecimal("19.99"))), new BigDecimal("19.99"), null),
                "OrderPlaced", """
                {"order_number":"ORD-20261202-00000043","customer_id":"customer-2","currency":"USD",\
                "payment_method":"paypal","payment_method_id":null,"lines":[{"product_id":\
                "7a2d3c0f-4e5b-4a6f-8b9c-8d7e6f5a4b3c","product_name":"Mouse","quantity":1,"unit_price":"19.99"}],\
                "total_amount":"19.99","shipping_address":null}""");
    }

    @Test
    void orderPaid() {
        assertEquals(PersonalData.NONE, golden(new OrderEvent.OrderPaid(PAYMENT, new BigDecimal("119.89")), "OrderPaid",
                "{\"payment_id\":\"1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b\",\"amount\":\"119.89\"}").personalData());
    }

    @Test
    void orderRejected() {
        golden(new OrderEvent.OrderRejected("payment_declined"), "OrderRejected", "{\"reason\":\"payment_declined\"}");
    }

    @Test
    void orderCancelled() {
        golden(new OrderEvent.OrderCancelled("changed my mind", "customer-1"), "OrderCancelled",
                "{\"reason\":\"changed my mind\",\"cancelled_by\":\"customer-1\"}");
    }

    @Test
    void orderProcessingStarted() {
        golden(new OrderEvent.OrderProcessingStarted(), "OrderProcessingStarted", "{}");
    }

    @Test
    void orderShipped() {
        golden(new OrderEvent.OrderShipped("DHL", "JD0001"), "OrderShipped",
                "{\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\"}");
    }

    @Test
    void orderDelivered() {
        golden(new OrderEvent.OrderDelivered(), "OrderDelivered", "{}");
    }

    @Test
    void orderRefunded() {
        UUID refund = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        golden(new OrderEvent.OrderRefunded(new BigDecimal("40.00"), "damaged", refund), "OrderRefunded",
                "{\"amount\":\"40.00\",\"reason\":\"damaged\",\"refund_id\":\"00000000-0000-0000-0000-0000000000aa\"}");
        golden(new OrderEvent.OrderRefunded(new BigDecimal("40.00"), null, null), "OrderRefunded",
                "{\"amount\":\"40.00\",\"reason\":null,\"refund_id\":null}");
    }

    @Test
    void aPaidOrdersCancellationAndRefundsAndHolds() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
        golden(new OrderEvent.OrderCancellationRequested(id, "changed my mind", "customer-1", id, new BigDecimal("9.9"),
                        "EUR", "customer-1"), "OrderCancellationRequested",
                "{\"cancellation_id\":\"00000000-0000-0000-0000-0000000000bb\",\"reason\":\"changed my mind\","
                        + "\"requested_by\":\"customer-1\",\"payment_id\":\"00000000-0000-0000-0000-0000000000bb\","
                        + "\"amount\":\"9.90\",\"currency\":\"EUR\",\"customer_id\":\"customer-1\"}");
        golden(new OrderEvent.OrderRefundRequested(id, new BigDecimal("5.00"), "damaged", true, id, "EUR", "customer-1"),
                "OrderRefundRequested",
                "{\"refund_id\":\"00000000-0000-0000-0000-0000000000bb\",\"amount\":\"5.00\",\"reason\":\"damaged\","
                        + "\"restock\":true,\"payment_id\":\"00000000-0000-0000-0000-0000000000bb\",\"currency\":\"EUR\","
                        + "\"customer_id\":\"customer-1\"}");
        golden(new OrderEvent.OrderHeld("refund refused"), "OrderHeld", "{\"reason\":\"refund refused\"}");
    }

    /** Encodes {@code event} to exactly {@code json} (schema version 1), and reads {@code json} back as {@code event}. */
    private static NewEvent golden(OrderEvent event, String type, String json) {
        NewEvent encoded = OrderEventCodec.encode(event, UUID.randomUUID());
        assertEquals(type, encoded.eventType());
        assertEquals(1, encoded.schemaVersion());
        assertEquals(json, encoded.data().encode());
        RecordedEvent stored = new RecordedEvent(UUID.randomUUID(), UUID.randomUUID(), OrderEventCodec.AGGREGATE_TYPE, type,
                1, 1, new JsonObject(json), new JsonObject(), UUID.randomUUID(), 1, 1,
                OffsetDateTime.of(2026, 12, 2, 9, 0, 0, 0, ZoneOffset.UTC));
        assertEquals(event, OrderEventCodec.decode(stored));
        return encoded;
    }
}

package io.cloudlab.payment.payment.store;

import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorizationTimedOut;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorized;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentCaptured;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentDeclined;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentRefunded;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentVoided;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Payment events as stored and published on cloudlab.payment.events: event type = the record's name,
 * payload in snake_case, money as decimal strings with two decimals ("19.99"), enums in the seed's
 * spelling. Written out field by field because this is a published contract (docs/services/payment-service.md):
 * a rename in the domain must not silently change it. No card number or CVC can appear here: the events only
 * have fields for brand and last four.
 */
public final class PaymentEventCodec {

    public static final String AGGREGATE_TYPE = "Payment";

    private PaymentEventCodec() {}

    public static NewEvent encode(PaymentEvent event, UUID eventId) {
        return NewEvent.of(event.getClass().getSimpleName(), payload(event)).withId(eventId);
    }

    static JsonObject payload(PaymentEvent event) {
        JsonObject json = new JsonObject().put("order_id", event.orderId().toString());
        if (event instanceof PaymentAuthorized e) {
            return json.put("customer_id", e.customerId()).put("amount", money(e.amount()))
                    .put("currency", e.currency()).put("payment_method", e.paymentMethod().toString())
                    .put("payment_method_id", text(e.paymentMethodId())).put("card_brand", e.cardBrand())
                    .put("card_last_four", e.cardLastFour()).put("gateway_reference", e.gatewayReference());
        }
        if (event instanceof PaymentDeclined e) {
            return json.put("customer_id", e.customerId()).put("amount", money(e.amount()))
                    .put("currency", e.currency()).put("payment_method", e.paymentMethod().toString())
                    .put("reason", e.reason().toString());
        }
        if (event instanceof PaymentAuthorizationTimedOut e) {
            return json.put("customer_id", e.customerId()).put("amount", money(e.amount()))
                    .put("currency", e.currency()).put("payment_method", e.paymentMethod().toString())
                    .put("payment_method_id", text(e.paymentMethodId()));
        }
        if (event instanceof PaymentCaptured e) {
            return json.put("amount", money(e.amount())).put("captured_total", money(e.capturedTotal()));
        }
        if (event instanceof PaymentVoided) return json;
        if (event instanceof PaymentRefunded e) {
            return json.put("amount", money(e.amount())).put("refunded_total", money(e.refundedTotal()))
                    .put("reason", e.reason());
        }
        throw new IllegalArgumentException("unknown payment event " + event);
    }

    public static PaymentEvent decode(RecordedEvent recorded) {
        return decode(recorded.eventType(), recorded.data());
    }

    static PaymentEvent decode(String type, JsonObject d) {
        UUID orderId = UUID.fromString(d.getString("order_id"));
        return switch (type) {
            case "PaymentAuthorized" -> new PaymentAuthorized(orderId, d.getString("customer_id"),
                    amount(d, "amount"), d.getString("currency"), method(d), uuid(d, "payment_method_id"),
                    d.getString("card_brand"), d.getString("card_last_four"), d.getString("gateway_reference"));
            case "PaymentDeclined" -> new PaymentDeclined(orderId, d.getString("customer_id"), amount(d, "amount"),
                    d.getString("currency"), method(d), DeclineReason.of(d.getString("reason")));
            case "PaymentAuthorizationTimedOut" -> new PaymentAuthorizationTimedOut(orderId, d.getString("customer_id"),
                    amount(d, "amount"), d.getString("currency"), method(d), uuid(d, "payment_method_id"));
            case "PaymentCaptured" -> new PaymentCaptured(orderId, amount(d, "amount"), amount(d, "captured_total"));
            case "PaymentVoided" -> new PaymentVoided(orderId);
            case "PaymentRefunded" -> new PaymentRefunded(orderId, amount(d, "amount"), amount(d, "refunded_total"),
                    d.getString("reason"));
            default -> throw new IllegalArgumentException("unknown payment event type " + type);
        };
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static BigDecimal amount(JsonObject d, String field) {
        return new BigDecimal(d.getString(field)).setScale(2);
    }

    private static PaymentMethodType method(JsonObject d) {
        return PaymentMethodType.of(d.getString("payment_method"));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(JsonObject d, String field) {
        String value = d.getString(field);
        return value == null ? null : UUID.fromString(value);
    }
}

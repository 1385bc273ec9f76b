package io.cloudlab.payment.payment.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.NewEvent;
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
import org.junit.jupiter.api.Test;

/**
 * The published payload of every payment event, byte for byte: cloudlab.payment.events is a contract, so
 * these literals only change with a new schema version. Each is what the codec writes for the instance
 * beside it, and reads back as that instance.
 */
class PaymentEventCodecGoldenTest {

    static final UUID ORDER = UUID.fromString("3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10");
    static final UUID METHOD = UUID.fromString("5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5");
    static final UUID EVENT = UUID.fromString("0b8f3a4e-5d6c-3b2a-9f8e-7d6c5b4a3f2e");

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static void golden(PaymentEvent event, String type, String json) {
        NewEvent encoded = PaymentEventCodec.encode(event, EVENT);
        assertEquals(type, encoded.eventType());
        assertEquals(EVENT, encoded.eventId());
        assertEquals(1, encoded.schemaVersion());
        assertEquals(json, encoded.data().encode());
        assertEquals(event, PaymentEventCodec.decode(type, new JsonObject(json)));
    }

    @Test
    void paymentAuthorizedWithACard() {
        golden(new PaymentAuthorized(ORDER, "customer-1", money("149.97"), "EUR", PaymentMethodType.CREDIT_CARD,
                        METHOD, "visa", "4242", "auth_1"), "PaymentAuthorized",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"customer_id\":\"customer-1\","
                        + "\"amount\":\"149.97\",\"currency\":\"EUR\",\"payment_method\":\"credit_card\","
                        + "\"payment_method_id\":\"5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5\",\"card_brand\":\"visa\","
                        + "\"card_last_four\":\"4242\",\"gateway_reference\":\"auth_1\"}");
    }

    @Test
    void paymentAuthorizedWithoutACardWritesItsNulls() {
        golden(new PaymentAuthorized(ORDER, "customer-1", money("10.00"), "USD", PaymentMethodType.PAYPAL,
                        null, null, null, "auth_2"), "PaymentAuthorized",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"customer_id\":\"customer-1\","
                        + "\"amount\":\"10.00\",\"currency\":\"USD\",\"payment_method\":\"paypal\","
                        + "\"payment_method_id\":null,\"card_brand\":null,\"card_last_four\":null,"
                        + "\"gateway_reference\":\"auth_2\"}");
    }

    @Test
    void paymentDeclined() {
        golden(new PaymentDeclined(ORDER, "customer-1", money("149.97"), "EUR", PaymentMethodType.DEBIT_CARD,
                        DeclineReason.INSUFFICIENT_FUNDS), "PaymentDeclined",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"customer_id\":\"customer-1\","
                        + "\"amount\":\"149.97\",\"currency\":\"EUR\",\"payment_method\":\"debit_card\","
                        + "\"reason\":\"insufficient_funds\"}");
    }

    @Test
    void paymentAuthorizationTimedOut() {
        golden(new PaymentAuthorizationTimedOut(ORDER, "customer-1", money("149.97"), "EUR",
                        PaymentMethodType.CREDIT_CARD, METHOD), "PaymentAuthorizationTimedOut",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"customer_id\":\"customer-1\","
                        + "\"amount\":\"149.97\",\"currency\":\"EUR\",\"payment_method\":\"credit_card\","
                        + "\"payment_method_id\":\"5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5\"}");
    }

    @Test
    void paymentCaptured() {
        golden(new PaymentCaptured(ORDER, money("60.00"), money("60.00")), "PaymentCaptured",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"amount\":\"60.00\",\"captured_total\":\"60.00\"}");
    }

    @Test
    void paymentVoided() {
        golden(new PaymentVoided(ORDER), "PaymentVoided", "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\"}");
    }

    @Test
    void paymentRefunded() {
        golden(new PaymentRefunded(ORDER, money("30.00"), money("70.50"), "damaged", ORDER), "PaymentRefunded",
                "{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"amount\":\"30.00\","
                        + "\"refunded_total\":\"70.50\",\"reason\":\"damaged\","
                        + "\"refund_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\"}");
    }

    @Test
    void moneyIsWrittenWithTwoDecimalsWhateverItsScale() {
        NewEvent encoded = PaymentEventCodec.encode(new PaymentCaptured(ORDER, money("60"), money("60.0")), EVENT);
        assertEquals("{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"amount\":\"60.00\",\"captured_total\":\"60.00\"}",
                encoded.data().encode());
        assertEquals("{\"order_id\":\"3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10\",\"amount\":\"60.00\",\"refunded_total\":\"0.50\",\"reason\":null,\"refund_id\":null}",
                PaymentEventCodec.encode(new PaymentRefunded(ORDER, money("60"), money("0.5"), null, null), EVENT).data().encode());
    }
}

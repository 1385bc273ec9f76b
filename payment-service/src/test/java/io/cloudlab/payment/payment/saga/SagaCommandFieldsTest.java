package io.cloudlab.payment.payment.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SagaCommandFieldsTest {

    static final UUID ORDER = UUID.randomUUID();

    static JsonObject authorize() {
        return new JsonObject().put("customer_id", "c-1").put("amount", "99.90").put("currency", "EUR")
                .put("payment_method", "paypal").putNull("payment_method_id");
    }

    static JsonObject without(String field) {
        JsonObject fields = authorize();
        fields.remove(field);
        return fields;
    }

    @Test
    void authorizeFieldsBecomeTheDomainCommand() {
        AuthorizePayment command = SagaCommandFields.authorize(ORDER, authorize()).toCommand();
        assertEquals(new AuthorizePayment(ORDER, "c-1", new BigDecimal("99.90"), "EUR", PaymentMethodType.PAYPAL, null), command);
        UUID method = UUID.randomUUID();
        assertEquals(method, SagaCommandFields.authorize(ORDER, authorize().put("payment_method", "credit_card")
                .put("payment_method_id", method.toString())).toCommand().paymentMethodId());
    }

    @Test
    void malformedFieldsDoNotParse() {
        for (JsonObject bad : new JsonObject[] {authorize().put("amount", 99.9), authorize().put("amount", "0.00"),
                authorize().put("amount", "-1.00"), authorize().put("amount", "1.005"), authorize().put("amount", "1e3"),
                authorize().put("amount", "123456789.00"), authorize().put("currency", "eur"), without("customer_id"), authorize().putNull("customer_id"),
                without("amount"), without("payment_method"), authorize().put("payment_method", 3)}) {
            assertThrows(IllegalArgumentException.class, () -> SagaCommandFields.authorize(ORDER, bad), bad::encode);
        }
    }

    @Test
    void aMeansOfPaymentThatNamesNothingIsARefusalNotAParseError() {
        var unknownType = SagaCommandFields.authorize(ORDER, authorize().put("payment_method", "gold_bars"));
        assertThrows(UnusablePaymentMethod.class, unknownType::toCommand);
        var notAnId = SagaCommandFields.authorize(ORDER, authorize().put("payment_method_id", "'; DROP TABLE payments; --"));
        assertThrows(UnusablePaymentMethod.class, notAnId::toCommand);
    }

    @Test
    void captureNamesThePaymentAndAmountOrNeither() {
        UUID payment = UUID.randomUUID();
        assertEquals(new SagaCommandFields.Capture(Optional.of(payment), Optional.of(new BigDecimal("10.00"))),
                SagaCommandFields.capture(new JsonObject().put("payment_id", payment.toString()).put("amount", "10")));
        SagaCommandFields.Capture neither = SagaCommandFields.capture(new JsonObject().putNull("payment_id"));
        assertEquals(Optional.empty(), neither.paymentId());
        assertNull(neither.amount().orElse(null));
        assertThrows(IllegalArgumentException.class, () -> SagaCommandFields.capture(new JsonObject().put("payment_id", "x")));
    }
}

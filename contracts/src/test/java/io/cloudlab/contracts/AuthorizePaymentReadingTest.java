package io.cloudlab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.contracts.payment.AuthorizePayment;
import io.cloudlab.contracts.payment.CapturePayment;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Money, currency and the means of payment as the payment commands carry them. */
class AuthorizePaymentReadingTest {

    static Map<String, Object> authorize() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("saga_id", UUID.randomUUID().toString());
        fields.put("order_id", UUID.randomUUID().toString());
        fields.put("customer_id", "c-1");
        fields.put("amount", "99.90");
        fields.put("currency", "EUR");
        fields.put("payment_method", "paypal");
        fields.put("payment_method_id", null);
        return fields;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> fields = authorize();
        if (value == null) fields.remove(field);
        else fields.put(field, value);
        return fields;
    }

    @Test
    void readsAnAuthorization() {
        AuthorizePayment read = Wire.read(authorize(), AuthorizePayment.class);
        assertEquals(new BigDecimal("99.90"), read.amount());
        assertEquals("paypal", read.paymentMethod());
        assertNull(read.paymentMethodId());
    }

    @Test
    void refusesMalformedFields() {
        Object[][] broken = {{"amount", 10}, {"amount", 9.99}, {"amount", "9.999"}, {"amount", "-1.00"}, {"amount", "0.00"},
                {"amount", "ten"}, {"amount", null}, {"currency", "eur"}, {"currency", "EURO"}, {"currency", null},
                {"customer_id", ""}, {"customer_id", null}, {"customer_id", 7}, {"payment_method", null}};
        for (Object[] bad : broken) {
            assertThrows(IllegalArgumentException.class, () -> Wire.read(with((String) bad[0], bad[1]), AuthorizePayment.class),
                    bad[0] + " = " + bad[1]);
        }
    }

    @Test
    void aCaptureNamesThePaymentAndAmountOrNeither() {
        Map<String, Object> neither = new HashMap<>(Map.of("saga_id", UUID.randomUUID().toString(),
                "order_id", UUID.randomUUID().toString()));
        CapturePayment read = Wire.read(neither, CapturePayment.class);
        assertNull(read.paymentId());
        assertNull(read.amount());
        neither.put("payment_id", "x");
        assertThrows(IllegalArgumentException.class, () -> Wire.read(neither, CapturePayment.class));
    }

    @Test
    void writesMoneyWithTwoDecimals() {
        AuthorizePayment command = Wire.read(with("amount", "12.5"), AuthorizePayment.class);
        assertEquals("12.50", Wire.fields(command).get("amount"));
    }
}

package io.cloudlab.payment.payment.saga;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod.Why;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields of the payment commands' {@code data}. A field missing or malformed is an
 * IllegalArgumentException: the command does not parse, and retrying cannot fix it (it is logged and
 * skipped). A payment method that names nothing chargeable parses: it is the business refusal
 * invalid_payment_method, answered to the orchestrator.
 */
final class SagaCommandFields {

    // Same rule as the REST API: the DECIMAL(10,2) columns, as a decimal string.
    private static final Pattern MONEY = Pattern.compile("^[0-9]{1,8}(\\.[0-9]{1,2})?$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private SagaCommandFields() {}

    /** AuthorizePayment's fields; {@link #toCommand} names the means of payment. */
    record Authorize(UUID orderId, String customerId, BigDecimal amount, String currency, String paymentMethod,
            String paymentMethodId) {

        /** The domain command; an unknown method type or an id that is not a UUID names nothing chargeable. */
        AuthorizePayment toCommand() {
            PaymentMethodType type;
            UUID methodId;
            try {
                type = PaymentMethodType.of(paymentMethod);
                methodId = paymentMethodId == null ? null : UUID.fromString(paymentMethodId);
            } catch (IllegalArgumentException unknown) {
                throw new UnusablePaymentMethod(Why.UNKNOWN, "no such payment method");
            }
            return new AuthorizePayment(orderId, customerId, amount, currency, type, methodId);
        }
    }

    record Capture(Optional<UUID> paymentId, Optional<BigDecimal> amount) {}

    static Authorize authorize(UUID orderId, JsonObject data) {
        String customer = text(data, "customer_id");
        String currency = text(data, "currency");
        if (!CURRENCY.matcher(currency).matches()) throw new IllegalArgumentException("currency is not an ISO 4217 code");
        return new Authorize(orderId, customer, money(data, "amount"), currency, text(data, "payment_method"),
                data.getValue("payment_method_id") == null ? null : text(data, "payment_method_id"));
    }

    static Capture capture(JsonObject data) {
        Optional<UUID> payment = data.getValue("payment_id") == null ? Optional.empty()
                : Optional.of(UUID.fromString(text(data, "payment_id")));
        Optional<BigDecimal> amount = data.getValue("amount") == null ? Optional.empty() : Optional.of(money(data, "amount"));
        return new Capture(payment, amount);
    }

    private static String text(JsonObject data, String field) {
        if (!(data.getValue(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return value;
    }

    private static BigDecimal money(JsonObject data, String field) {
        String value = text(data, field);
        if (!MONEY.matcher(value).matches()) throw new IllegalArgumentException(field + " is not a decimal string like \"99.90\"");
        BigDecimal amount = new BigDecimal(value).setScale(2);
        if (amount.signum() <= 0) throw new IllegalArgumentException(field + " must be greater than 0");
        return amount;
    }
}

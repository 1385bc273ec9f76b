package io.cloudlab.contracts.payment;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Hold the order's total on the customer's means of payment. {@code paymentMethod} is the seed's enum
 * (credit_card, paypal, ...); {@code paymentMethodId} names a stored card, when the method needs one. A method
 * that names nothing chargeable still reads: it is a business refusal, answered PaymentDeclined.
 */
public record AuthorizePayment(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonProperty("currency") String currency,
        @JsonProperty("payment_method") String paymentMethod,
        @JsonProperty("payment_method_id") @Nullable String paymentMethodId) implements PaymentCommand {

    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    public AuthorizePayment {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        Require.text(customerId, "customer_id");
        amount = Money.positive(Require.present(amount, "amount"), "amount");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency is not an ISO 4217 code");
        }
        Require.text(paymentMethod, "payment_method");
    }
}

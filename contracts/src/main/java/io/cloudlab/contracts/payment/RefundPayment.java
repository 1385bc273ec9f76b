package io.cloudlab.contracts.payment;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Give {@code amount} of the order's payment back to the customer: refunded when it was captured, the hold
 * voided when it was only authorized (then only the whole amount). The saga is the refund's identity: every
 * attempt of the step asks for the same refund, and it happens once. Without {@code paymentId}, the order's
 * payment.
 */
public record RefundPayment(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("payment_id") @Nullable UUID paymentId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonProperty("reason") @Nullable String reason) implements PaymentCommand {

    public RefundPayment {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        amount = Money.positive(Require.present(amount, "amount"), "amount");
    }
}

package io.cloudlab.contracts.payment;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The order is paid: take the money that was held. Without {@code paymentId}, the order's payment; without
 * {@code amount}, all that was authorized.
 */
public record CapturePayment(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("payment_id") @Nullable UUID paymentId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal amount)
        implements PaymentCommand {

    public CapturePayment {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        amount = Money.positive(amount, "amount");
    }
}

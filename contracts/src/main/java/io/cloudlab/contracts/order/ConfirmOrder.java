package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The stock is held and the payment authorized: the order is paid. Without a payment (an operator skipped
 * the authorization) there is nothing to confirm, and the order service refuses.
 */
public record ConfirmOrder(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("payment_id") @Nullable UUID paymentId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) implements OrderCommand {

    public ConfirmOrder {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        amount = Money.positive(Require.present(amount, "amount"), "amount");
    }
}

package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A paid order is to be cancelled (cloudlab.order.events): its money given back ({@code amount}, what was
 * paid and not yet refunded, from {@code paymentId}) and its units returned. The orchestrator's cancellation
 * saga does it, under {@code cancellationId} as its id.
 */
public record OrderCancellationRequested(
        @JsonProperty("cancellation_id") UUID cancellationId,
        @JsonProperty("reason") String reason,
        @JsonProperty("requested_by") @Nullable String requestedBy,
        @JsonProperty("payment_id") @Nullable UUID paymentId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonProperty("currency") String currency,
        @JsonProperty("customer_id") String customerId) {

    public OrderCancellationRequested {
        Require.present(cancellationId, "cancellation_id");
        Require.text(reason, "reason");
        amount = Money.amount(Require.present(amount, "amount"), "amount");
        Require.text(currency, "currency");
        Require.text(customerId, "customer_id");
    }
}

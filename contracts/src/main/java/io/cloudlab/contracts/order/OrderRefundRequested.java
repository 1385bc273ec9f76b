package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Staff refund {@code amount} of a paid order (cloudlab.order.events), its units back on sale when
 * {@code restock}. {@code refundId} names the refund: the orchestrator's refund saga, and the refund the order
 * records when the money went back.
 */
public record OrderRefundRequested(
        @JsonProperty("refund_id") UUID refundId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonProperty("reason") String reason,
        @JsonProperty("restock") boolean restock,
        @JsonProperty("payment_id") @Nullable UUID paymentId,
        @JsonProperty("currency") String currency,
        @JsonProperty("customer_id") String customerId) {

    public OrderRefundRequested {
        Require.present(refundId, "refund_id");
        amount = Money.positive(Require.present(amount, "amount"), "amount");
        Require.text(reason, "reason");
        Require.text(currency, "currency");
        Require.text(customerId, "customer_id");
    }
}

package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/** The refund the order asked for ({@code refundId}) went back to the customer: record it on the order. */
public record RecordRefund(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("refund_id") UUID refundId,
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) implements OrderCommand {

    public RecordRefund {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        Require.present(refundId, "refund_id");
        amount = Money.positive(Require.present(amount, "amount"), "amount");
    }
}

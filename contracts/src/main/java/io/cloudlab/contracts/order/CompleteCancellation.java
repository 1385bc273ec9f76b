package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;
import java.util.UUID;

/** The paid order's money went back and its units are on sale again: end it cancelled, with what was refunded. */
public record CompleteCancellation(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("refunded_amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedAmount)
        implements OrderCommand {

    public CompleteCancellation {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
        refundedAmount = Money.amount(Require.present(refundedAmount, "refunded_amount"), "refunded_amount");
    }
}

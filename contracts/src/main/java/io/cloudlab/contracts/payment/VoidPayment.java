package io.cloudlab.contracts.payment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;
import java.util.UUID;

/** Let go of what the order's payment holds (a compensation); nothing held is a success too. */
public record VoidPayment(
        @JsonProperty("saga_id") UUID sagaId,
        @JsonProperty("order_id") UUID orderId) implements PaymentCommand {

    public VoidPayment {
        Require.present(sagaId, "saga_id");
        Require.present(orderId, "order_id");
    }
}

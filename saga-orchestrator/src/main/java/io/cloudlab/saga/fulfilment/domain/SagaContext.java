package io.cloudlab.saga.fulfilment.domain;

import java.util.UUID;

/** What a step's command is made from: the saga, its order, the payment once known, and why it compensates. */
public record SagaContext(UUID sagaId, OrderToFulfil order, UUID paymentId, String failure) {

    public UUID orderId() {
        return order.orderId();
    }
}

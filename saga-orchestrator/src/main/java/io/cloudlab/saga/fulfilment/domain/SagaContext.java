package io.cloudlab.saga.fulfilment.domain;

import java.util.UUID;

/**
 * What a step's command is made from: the saga, its order, the payment once known, why it compensates or
 * stopped, and what was asked of it (null for fulfilment).
 */
public record SagaContext(UUID sagaId, SagaOrder order, UUID paymentId, String failure, SagaRequest request) {

    public UUID orderId() {
        return order.orderId();
    }
}

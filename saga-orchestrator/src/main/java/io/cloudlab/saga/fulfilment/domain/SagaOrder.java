package io.cloudlab.saga.fulfilment.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a saga needs of its order, taken from the event that started it, so its steps never ask again: for
 * fulfilment the whole OrderPlaced (lines, total, means of payment); for a paid order's cancellation or a
 * refund, who paid in which currency ({@code totalAmount} is then what was paid; there are no lines).
 */
public record SagaOrder(UUID orderId, UUID tenantId, String customerId, String currency, String totalAmount,
        String paymentMethod, UUID paymentMethodId, List<Line> lines) {

    public record Line(UUID productId, int quantity) {}
}

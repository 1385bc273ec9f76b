package io.cloudlab.saga.fulfilment.domain;

import java.util.List;
import java.util.UUID;

/** What the saga needs of an OrderPlaced: enough to reserve, charge and confirm without asking again. */
public record OrderToFulfil(UUID orderId, UUID tenantId, String customerId, String currency, String totalAmount,
        String paymentMethod, UUID paymentMethodId, List<Line> lines) {

    public record Line(UUID productId, int quantity) {}
}

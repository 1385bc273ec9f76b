package io.cloudlab.inventory.product.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a product. The stock events carry the levels after the change, so that a consumer (a
 * storefront availability view) needs no state of its own to show them.
 */
public sealed interface ProductEvent {

    /** The event type stored with the event: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    record ProductCreated(UUID vendorId, String name, String description, BigDecimal price, String currency,
            int initialStock) implements ProductEvent {}

    record ProductUpdated(String name, String description) implements ProductEvent {}

    record ProductRepriced(BigDecimal price, BigDecimal previousPrice, String currency) implements ProductEvent {}

    record StockRestocked(int quantity, int available) implements ProductEvent {}

    record ProductRetired() implements ProductEvent {}

    record StockReserved(UUID orderId, int quantity, int available, int reserved, Instant expiresAt)
            implements ProductEvent {}

    record StockReleased(UUID orderId, int quantity, ReleaseReason reason, int available, int reserved)
            implements ProductEvent {}

    record StockCommitted(UUID orderId, int quantity, int reserved) implements ProductEvent {}
}

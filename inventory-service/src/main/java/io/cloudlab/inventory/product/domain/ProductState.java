package io.cloudlab.inventory.product.domain;

import java.util.UUID;

/**
 * Everything the product's rules look at, as of stream {@code version}: the fold of the stream's events
 * ({@link Product#evolve}). It is also the shape of the relational rows (products + stock_levels), which are
 * kept equal to that fold in the same transaction as every append; a command can therefore start from the
 * rows instead of re-reading the stream.
 */
public record ProductState(UUID id, UUID vendorId, String name, String description, Price price,
        ProductStatus status, int available, int reserved, int version) {

    /** The product's stream before its first event. */
    public static ProductState unborn(UUID id) {
        return new ProductState(id, null, null, null, null, null, 0, 0, 0);
    }

    public boolean exists() {
        return version > 0;
    }

    public boolean isActive() {
        return status == ProductStatus.ACTIVE;
    }
}

package io.cloudlab.inventory.product.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What can be asked of a product; everything a rule needs from outside (an expiry time) is a field. */
public sealed interface ProductCommand {

    record CreateProduct(UUID vendorId, String name, String description, Price price, int initialStock)
            implements ProductCommand {}

    record UpdateProduct(String name, String description) implements ProductCommand {}

    record RepriceProduct(BigDecimal price) implements ProductCommand {}

    record RestockProduct(int quantity) implements ProductCommand {}

    record RetireProduct() implements ProductCommand {}

    record ReserveStock(UUID orderId, int quantity, Instant expiresAt) implements ProductCommand {}

    record ReleaseStock(UUID orderId, int quantity, ReleaseReason reason) implements ProductCommand {}

    record CommitStock(UUID orderId, int quantity) implements ProductCommand {}

    /** Units sold to an order come back on sale (the order was cancelled after payment, or returned). */
    record ReturnStock(UUID orderId, int quantity) implements ProductCommand {}
}

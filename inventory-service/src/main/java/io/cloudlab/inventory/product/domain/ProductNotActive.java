package io.cloudlab.inventory.product.domain;

import java.util.UUID;

/** The product is retired: it takes no more changes and no reservations. */
public final class ProductNotActive extends ProductRuleViolation {

    public ProductNotActive(UUID productId) {
        super("product " + productId + " is retired");
    }
}

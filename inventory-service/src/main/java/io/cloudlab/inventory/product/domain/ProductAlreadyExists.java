package io.cloudlab.inventory.product.domain;

import java.util.UUID;

/** A create for a stream that already has events. */
public final class ProductAlreadyExists extends ProductRuleViolation {

    public ProductAlreadyExists(UUID productId) {
        super("product " + productId + " already exists");
    }
}

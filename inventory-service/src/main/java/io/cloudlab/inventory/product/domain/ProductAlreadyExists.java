package io.cloudlab.inventory.product.domain;

import io.cloudlab.eventstore.decider.Refusal;
import java.util.UUID;

/** A create for a stream that already has events (409 product-exists). */
public final class ProductAlreadyExists extends Refusal {

    public ProductAlreadyExists(UUID productId) {
        super(Kind.CONFLICT, "product-exists", null, "product " + productId + " already exists");
    }
}

package io.cloudlab.inventory.product.domain;

import io.cloudlab.eventstore.decider.Refusal;
import java.util.UUID;

/** The product is retired: it takes no more changes and no reservations (422 product-retired). */
public final class ProductNotActive extends Refusal {

    public ProductNotActive(UUID productId) {
        super(Kind.UNPROCESSABLE, "product-retired", null, "product " + productId + " is retired");
    }
}

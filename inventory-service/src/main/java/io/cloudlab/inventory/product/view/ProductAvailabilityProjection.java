package io.cloudlab.inventory.product.view;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code product-availability}: a product's stock figures, one document per product. */
@ApplicationScoped
public class ProductAvailabilityProjection extends ProductDocuments<ProductAvailability> {

    public static final String NAME = "product-availability";

    ProductAvailabilityProjection() {
        super(NAME, ProductAvailability.class, ProductAvailability::after, ProductAvailability::version);
    }
}

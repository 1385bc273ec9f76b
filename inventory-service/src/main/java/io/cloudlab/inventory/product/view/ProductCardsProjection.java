package io.cloudlab.inventory.product.view;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code product-cards}: the storefront's product card, one document per product. */
@ApplicationScoped
public class ProductCardsProjection extends ProductDocuments<ProductCard> {

    public static final String NAME = "product-cards";

    ProductCardsProjection() {
        super(NAME, ProductCard.class, ProductCard::after, ProductCard::version);
    }
}

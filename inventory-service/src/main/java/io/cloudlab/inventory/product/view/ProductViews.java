package io.cloudlab.inventory.product.view;

import io.cloudlab.inventory.product.store.ProductRepository;
import io.cloudlab.readmodels.redis.RedisViews;
import io.cloudlab.readmodels.redis.Tiered;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The storefront's product reads: from the Redis documents (the in-process tier in front), from the product's
 * rows when Redis cannot answer, has no document yet, or has not reached the version asked for. The rows are
 * today's query; the documents are built from them field for field, so both tiers answer the same.
 *
 * <p>A document of another tenant is answered as none: the rows' row-level security hides such a product too.
 */
@ApplicationScoped
public class ProductViews {

    private final RedisViews views;
    private final ProductRepository products;
    private final ProductCardsProjection cards;
    private final ProductAvailabilityProjection availability;

    ProductViews(RedisViews views, ProductRepository products, ProductCardsProjection cards,
            ProductAvailabilityProjection availability) {
        this.views = views;
        this.products = products;
        this.cards = cards;
        this.availability = availability;
    }

    /** The product's card (a null value when the tenant has no such product), at least as fresh as {@code after}. */
    public Uni<Tiered<ProductCard>> card(UUID tenantId, UUID productId, ProductVersion after) {
        int atLeast = after == null ? 0 : after.requiredOf(productId);
        return views.document(ProductCardsProjection.NAME, ProductDocuments.document(productId), cards::decode,
                        ProductCard::version, atLeast,
                        () -> products.find(tenantId, productId).map(r -> r == null ? null : ProductCard.of(tenantId, r)))
                .map(read -> visible(read, tenantId, read.value() == null ? null : read.value().tenantId()));
    }

    /** The product's stock figures (a null value when the tenant has no such product). */
    public Uni<Tiered<ProductAvailability>> availability(UUID tenantId, UUID productId, ProductVersion after) {
        int atLeast = after == null ? 0 : after.requiredOf(productId);
        return views.document(ProductAvailabilityProjection.NAME, ProductDocuments.document(productId),
                        availability::decode, ProductAvailability::version, atLeast,
                        () -> products.find(tenantId, productId).map(r -> r == null ? null : ProductAvailability.of(tenantId, r)))
                .map(read -> visible(read, tenantId, read.value() == null ? null : read.value().tenantId()));
    }

    private static <T> Tiered<T> visible(Tiered<T> read, UUID callerTenant, UUID documentTenant) {
        return documentTenant == null || documentTenant.equals(callerTenant) ? read : new Tiered<>(null, read.tier());
    }
}

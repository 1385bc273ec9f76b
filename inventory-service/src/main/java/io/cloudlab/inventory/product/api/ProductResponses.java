package io.cloudlab.inventory.product.api;

import io.cloudlab.inventory.product.store.ProductRecord;
import io.cloudlab.inventory.product.store.ProductSearch;
import io.cloudlab.inventory.product.view.ProductAvailability;
import io.cloudlab.inventory.product.view.ProductCard;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the product endpoints. */
public final class ProductResponses {

    private ProductResponses() {}

    @Schema(name = "Product")
    public record Product(
            @Schema(example = "3f1c6c1e-9a7b-4a53-8d0e-6b2f0f6f2a10") UUID productId,
            @Schema(example = "6b0f1d1e-2f43-4c1e-9a55-0d2c7c1f9e21") UUID vendorId,
            @Schema(example = "Oak desk chair") String name,
            @Schema(example = "Solid oak, adjustable height") String description,
            @Schema(example = "129.90") String price,
            @Schema(example = "EUR") String currency,
            @Schema(example = "active", enumeration = {"active", "retired"}) String status,
            @Schema(example = "1", description = "Version of the product's event stream") int version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        /** One mapping for every answer (commands, lists, both read tiers), so a product prints alike everywhere. */
        static Product of(ProductRecord record) {
            return of(ProductCard.of(null, record));
        }

        static Product of(ProductCard card) {
            return new Product(card.productId(), card.vendorId(), card.name(), card.description(), card.price(),
                    card.currency(), card.status(), card.version(), card.createdAt(), card.updatedAt());
        }
    }

    @Schema(name = "ProductPage")
    public record Page(List<Product> items,
            @Schema(description = "Pass as cursor for the next page; null on the last page") String nextCursor) {

        static Page of(ProductSearch.Page page) {
            return new Page(page.items().stream().map(Product::of).toList(),
                    page.next() == null ? null : page.next().encode());
        }
    }

    @Schema(name = "Stock")
    public record Stock(UUID productId, @Schema(example = "20") int available, @Schema(example = "5") int reserved) {

        static Stock of(ProductAvailability figures) {
            return new Stock(figures.productId(), figures.available(), figures.reserved());
        }
    }
}

package io.cloudlab.inventory.product.view;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.Price;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.domain.ProductStatus;
import io.cloudlab.inventory.product.store.ProductRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A product as the {@code product-cards} projection keeps it: what {@code GET /products/{id}} answers, plus the
 * tenant (a card of another tenant is a 404) and an availability summary (units available and reserved). The
 * figures are there because the card changes with every stock event anyway (its version is the stream's), and
 * with them the card is the whole product state, folded by the aggregate's own rule.
 *
 * <p>Times are the events' ({@code created_at} of ProductCreated, of the last event): the appending
 * transaction's start, which is also what the rows' {@code now()} writes, so both tiers show the same times.
 */
public record ProductCard(UUID productId, UUID tenantId, UUID vendorId, String name, String description, String price,
        String currency, String status, int available, int reserved, int version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The card of the product's rows: the PostgreSQL tier. */
    public static ProductCard of(UUID tenantId, ProductRecord record) {
        return of(tenantId, record.state(), record.createdAt(), record.updatedAt());
    }

    static ProductCard of(UUID tenantId, ProductState s, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return new ProductCard(s.id(), tenantId, s.vendorId(), s.name(), s.description(), s.price().amountText(),
                s.price().currency(), s.status().toString(), s.available(), s.reserved(), s.version(), createdAt, updatedAt);
    }

    /** The card after one stored event (null: no card yet). */
    static ProductCard after(ProductCard current, RecordedEvent event) {
        ProductState before = current == null ? null : current.state();
        ProductState next = ProductViewFold.next(before, event);
        if (next == before) return current;
        return of(event.tenantId(), next, current == null ? event.createdAt() : current.createdAt(), event.createdAt());
    }

    ProductState state() {
        return new ProductState(productId, vendorId, name, description, new Price(new BigDecimal(price), currency),
                ProductStatus.parse(status), available, reserved, version);
    }
}

package io.cloudlab.inventory.product.view;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.store.ProductRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A product's stock as the {@code product-availability} projection keeps it, equal to its
 * {@code inventory.stock_levels} row: {@code available} can be reserved now, {@code reserved} is held for
 * orders (until committed, released or expired), {@code on_hand} is both, the units still in the warehouse
 * (committed units have left it). {@code version} and {@code updated_at} are the product stream's version and
 * its last event's time, so a read can ask for "at least what my write did" whatever the write was.
 */
public record ProductAvailability(UUID productId, UUID tenantId, int available, int reserved, int onHand, int version,
        OffsetDateTime updatedAt) {

    /** The figures of the product's rows: the PostgreSQL tier. */
    public static ProductAvailability of(UUID tenantId, ProductRecord record) {
        return of(tenantId, record.state(), record.updatedAt());
    }

    static ProductAvailability of(UUID tenantId, ProductState s, OffsetDateTime updatedAt) {
        return new ProductAvailability(s.id(), tenantId, s.available(), s.reserved(), s.available() + s.reserved(),
                s.version(), updatedAt);
    }

    /** The figures after one stored event (null: no product yet). */
    static ProductAvailability after(ProductAvailability current, RecordedEvent event) {
        ProductState before = current == null ? null : current.state();
        ProductState next = ProductViewFold.next(before, event);
        if (next == before) return current;
        return of(event.tenantId(), next, event.createdAt());
    }

    /**
     * The stock part of the product's state. The aggregate's fold moves the figures from the figures and the event
     * alone (catalogue events carry them over), so the missing catalogue fields never reach them.
     */
    ProductState state() {
        return new ProductState(productId, null, null, null, null, null, available, reserved, version);
    }
}

package io.cloudlab.inventory.product.view;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.product.domain.ProductEvent;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.store.ProductEventCodec;
import java.util.List;

/**
 * The product's state after one stored event, by the aggregate's own fold ({@link Product#evolve}): the same
 * rule that moves the rows moves the views, so the stock figures in Redis are the figures of
 * {@code inventory.stock_levels} (reservations and expiries take units from available into reserved, releases
 * give them back, commits take them out of reserved, restocks add to available).
 *
 * <p>Events must come in stream order. One already applied (a version at or below the document's) changes
 * nothing; a gap, or a stream that does not start with ProductCreated, throws, so the runtime parks the event
 * instead of showing figures that never were.
 */
final class ProductViewFold {

    private ProductViewFold() {}

    /** The state after {@code stored}; {@code current} itself when the event was applied before. */
    static ProductState next(ProductState current, RecordedEvent stored) {
        ProductEvent event = ProductEventCodec.fromRecorded(stored);
        if (current == null) {
            if (!(event instanceof ProductEvent.ProductCreated) || stored.version() != 1) {
                throw new IllegalStateException("product " + stored.aggregateId() + " starts with " + stored.eventType()
                        + " at version " + stored.version() + ", not ProductCreated at 1");
            }
            return Product.of(stored.aggregateId()).fold(List.of(event));
        }
        if (stored.version() <= current.version()) return current;
        if (stored.version() != current.version() + 1) {
            throw new IllegalStateException("product " + current.id() + " is at version " + current.version()
                    + ", event " + stored.eventId() + " has version " + stored.version());
        }
        if (event instanceof ProductEvent.ProductCreated) {
            throw new IllegalStateException("product " + current.id() + " created twice (event " + stored.eventId() + ")");
        }
        return Product.of(current.id()).evolve(current, event);
    }
}

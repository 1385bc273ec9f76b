package io.cloudlab.inventory.product.view;

import io.cloudlab.support.idempotency.IdempotentCommands;
import io.cloudlab.support.problem.ProblemException;
import java.util.UUID;

/**
 * Read-your-writes for the product views, in the platform's consistency-token form (as order-service's): every
 * product command answers {@value #HEADER} {@code <product_id>:<version>}, the version its last event gave the
 * stream, and a read that passes it back (the same header, or {@code ?after=}) is answered by a view that has
 * applied at least that version, or by PostgreSQL. A stream version rather than a global position: positions
 * commit out of order, a stream's versions are dense and applied in order.
 */
public record ProductVersion(UUID productId, int version) {

    public static final String HEADER = IdempotentCommands.CONSISTENCY_TOKEN;

    /** The token a read passes: the query parameter wins over the header; null when there is none. */
    public static ProductVersion fromRead(String header, String after) {
        return after != null ? parse(after, "after") : parse(header, HEADER);
    }

    private static ProductVersion parse(String text, String field) {
        if (text == null || text.isBlank()) return null;
        int at = text.lastIndexOf(':');
        try {
            if (at < 0) throw new IllegalArgumentException();
            int version = Integer.parseInt(text.substring(at + 1));
            if (version < 1) throw new IllegalArgumentException();
            return new ProductVersion(UUID.fromString(text.substring(0, at)), version);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "is not a consistency token a product command answered (<product_id>:<version>)");
        }
    }

    /** The version a read of {@code productId} must reach: 0 (any) when the token names another product. */
    public int requiredOf(UUID productId) {
        return this.productId.equals(productId) ? version : 0;
    }

    @Override
    public String toString() {
        return productId + ":" + version;
    }
}

package io.cloudlab.inventory.reservation.domain;

import io.cloudlab.inventory.product.domain.InsufficientStock;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.product.domain.ProductCommand;
import io.cloudlab.inventory.product.domain.ProductNotActive;
import io.cloudlab.inventory.product.domain.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Why an order's lines cannot all be held: the first line, in request order, that its product refuses.
 * Deciding every line before any is reserved lets a caller record a refusal (the saga's inbox row and
 * reply) in the same transaction without undoing half a reservation.
 */
public record LineRefusal(Reason reason, int line, UUID productId, String detail) {

    public enum Reason {
        INSUFFICIENT_STOCK,
        UNKNOWN_PRODUCT,
        PRODUCT_RETIRED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param products the locked products by id; a line whose product is missing (unknown, or another
     *                 tenant's, which RLS hides) is refused as unknown
     */
    public static Optional<LineRefusal> firstOf(UUID orderId, List<ReservationLine> lines,
            Map<UUID, ProductState> products, Instant expiresAt) {
        for (int i = 0; i < lines.size(); i++) {
            ReservationLine line = lines.get(i);
            ProductState product = products.get(line.productId());
            if (product == null) {
                return Optional.of(new LineRefusal(Reason.UNKNOWN_PRODUCT, i, line.productId(),
                        "product " + line.productId() + " does not exist"));
            }
            try {
                // The aggregate's own rule decides; its events are discarded, nothing is applied here.
                Product.of(product.id()).decide(new ProductCommand.ReserveStock(orderId, line.quantity(), expiresAt), product);
            } catch (InsufficientStock e) {
                return Optional.of(new LineRefusal(Reason.INSUFFICIENT_STOCK, i, line.productId(), e.getMessage()));
            } catch (ProductNotActive e) {
                return Optional.of(new LineRefusal(Reason.PRODUCT_RETIRED, i, line.productId(), e.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** The failure that carries this refusal out of a transaction's chain. */
    public Refused refused() {
        return new Refused(this);
    }

    /** Nothing was reserved: {@link #refusal()} says which line and why. */
    public static final class Refused extends RuntimeException {

        private final LineRefusal refusal;

        Refused(LineRefusal refusal) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
        }

        public LineRefusal refusal() {
            return refusal;
        }
    }
}

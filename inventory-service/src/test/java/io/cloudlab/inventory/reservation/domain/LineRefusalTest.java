package io.cloudlab.inventory.reservation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.inventory.product.domain.Price;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.domain.ProductStatus;
import io.cloudlab.inventory.reservation.domain.LineRefusal.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineRefusalTest {

    static final UUID ORDER = UUID.randomUUID();
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    static ProductState product(ProductStatus status, int available) {
        return new ProductState(UUID.randomUUID(), UUID.randomUUID(), "Kettle", "", Price.of("10.00", "EUR"), status,
                available, 0, 1);
    }

    @Test
    void everyLineThatFitsIsNoRefusal() {
        ProductState a = product(ProductStatus.ACTIVE, 2);
        ProductState b = product(ProductStatus.ACTIVE, 1);
        List<ReservationLine> lines = List.of(new ReservationLine(a.id(), 2), new ReservationLine(b.id(), 1));

        assertEquals(Optional.empty(), LineRefusal.firstOf(ORDER, lines, Map.of(a.id(), a, b.id(), b), EXPIRES));
    }

    @Test
    void theFirstRefusedLineInRequestOrderIsNamedWithItsReason() {
        ProductState enough = product(ProductStatus.ACTIVE, 5);
        ProductState scarce = product(ProductStatus.ACTIVE, 1);
        ProductState retired = product(ProductStatus.RETIRED, 9);
        UUID unknown = UUID.randomUUID();
        Map<UUID, ProductState> locked = Map.of(enough.id(), enough, scarce.id(), scarce, retired.id(), retired);

        LineRefusal shortOfStock = LineRefusal.firstOf(ORDER, List.of(new ReservationLine(enough.id(), 5),
                new ReservationLine(scarce.id(), 2), new ReservationLine(unknown, 1)), locked, EXPIRES).orElseThrow();
        assertEquals(Reason.INSUFFICIENT_STOCK, shortOfStock.reason());
        assertEquals(1, shortOfStock.line());
        assertEquals(scarce.id(), shortOfStock.productId());

        LineRefusal notThere = LineRefusal.firstOf(ORDER, List.of(new ReservationLine(unknown, 1),
                new ReservationLine(scarce.id(), 2)), locked, EXPIRES).orElseThrow();
        assertEquals(new LineRefusal(Reason.UNKNOWN_PRODUCT, 0, unknown, notThere.detail()), notThere);

        LineRefusal gone = LineRefusal.firstOf(ORDER, List.of(new ReservationLine(retired.id(), 1)), locked, EXPIRES)
                .orElseThrow();
        assertEquals(Reason.PRODUCT_RETIRED, gone.reason());
        assertEquals("product_retired", gone.reason().toString());
    }

    @Test
    void anOrderIsServedByARunningHoldOrASaleNotByAHoldGivenBackOrRunOut() {
        List<ReservationLine> lines = List.of(new ReservationLine(UUID.randomUUID(), 1));
        Instant before = EXPIRES.minusSeconds(1);
        assertTrue(new Reservation(ORDER, ReservationStatus.ACTIVE, EXPIRES, lines).serves(before));
        assertTrue(new Reservation(ORDER, ReservationStatus.COMMITTED, EXPIRES, lines).serves(EXPIRES));
        assertFalse(new Reservation(ORDER, ReservationStatus.ACTIVE, EXPIRES, lines).serves(EXPIRES));
        assertFalse(new Reservation(ORDER, ReservationStatus.RELEASED, EXPIRES, lines).serves(before));
        assertFalse(new Reservation(ORDER, ReservationStatus.EXPIRED, EXPIRES, lines).serves(before));
    }
}

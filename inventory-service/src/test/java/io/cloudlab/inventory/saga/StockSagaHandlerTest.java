package io.cloudlab.inventory.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.contracts.inventory.ReserveStock;
import io.cloudlab.contracts.inventory.StockLine;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inventory's own rules on a ReserveStock the contract has read. */
class StockSagaHandlerTest {

    static final UUID PRODUCT = UUID.randomUUID();

    static ReserveStock reserve(StockLine... lines) {
        return new ReserveStock(UUID.randomUUID(), UUID.randomUUID(), List.of(lines));
    }

    @Test
    void takesTheLinesAsReservationLines() {
        assertEquals(List.of(new ReservationLine(PRODUCT, 3)), StockSagaHandler.lines(reserve(new StockLine(PRODUCT, 3))));
    }

    @Test
    void refusesAProductTwiceOrMoreUnitsThanAProductHolds() {
        assertThrows(IllegalArgumentException.class,
                () -> StockSagaHandler.lines(reserve(new StockLine(PRODUCT, 1), new StockLine(PRODUCT, 2))));
        assertThrows(IllegalArgumentException.class,
                () -> StockSagaHandler.lines(reserve(new StockLine(PRODUCT, Product.MAX_QUANTITY + 1))));
    }
}

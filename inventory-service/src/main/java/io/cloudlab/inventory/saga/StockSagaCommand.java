package io.cloudlab.inventory.saga;

import io.cloudlab.inventory.reservation.domain.ReservationLine;
import java.util.List;

/** What the order-fulfilment saga asks of the inventory, for one order (the envelope carries the order id). */
public sealed interface StockSagaCommand {

    /** Hold every line for the order, or none. */
    record ReserveStock(List<ReservationLine> lines) implements StockSagaCommand {
        public ReserveStock {
            lines = List.copyOf(lines);
        }
    }

    /** Give the order's held units back (compensation). */
    record ReleaseStock() implements StockSagaCommand {}

    /** The order is paid: its held units are sold. */
    record CommitStock() implements StockSagaCommand {}
}

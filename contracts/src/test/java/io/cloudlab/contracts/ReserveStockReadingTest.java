package io.cloudlab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.contracts.inventory.ReserveStock;
import io.cloudlab.contracts.inventory.StockLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What does and does not read as a ReserveStock: a command that does not fit never becomes a record. */
class ReserveStockReadingTest {

    static final String PRODUCT = UUID.randomUUID().toString();

    static Map<String, Object> command(Object lines) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("saga_id", UUID.randomUUID().toString());
        fields.put("order_id", UUID.randomUUID().toString());
        if (lines != null) fields.put("lines", lines);
        return fields;
    }

    static Map<String, Object> line(Object productId, Object quantity) {
        Map<String, Object> line = new HashMap<>();
        line.put("product_id", productId);
        if (quantity != null) line.put("quantity", quantity);
        return line;
    }

    @Test
    void readsLines() {
        ReserveStock read = Wire.read(command(List.of(line(PRODUCT, 3))), ReserveStock.class);
        assertEquals(List.of(new StockLine(UUID.fromString(PRODUCT), 3)), read.lines());
    }

    @Test
    void refusesLinesThatDoNotMakeAReservation() {
        List<Object> broken = List.of("not an array", List.of(), List.of("x"), List.of(line("not-a-uuid", 1)),
                List.of(line(PRODUCT, 0)), List.of(line(PRODUCT, -1)), List.of(line(PRODUCT, 1.5)),
                List.of(line(PRODUCT, "3")), List.of(line(PRODUCT, null)), List.of(line(null, 1)));
        for (Object lines : broken) {
            assertThrows(IllegalArgumentException.class, () -> Wire.read(command(lines), ReserveStock.class),
                    String.valueOf(lines));
        }
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < ReserveStock.MAX_LINES + 1; i++) tooMany.add(line(UUID.randomUUID().toString(), 1));
        assertThrows(IllegalArgumentException.class, () -> Wire.read(command(tooMany), ReserveStock.class));
        assertThrows(IllegalArgumentException.class, () -> Wire.read(command(null), ReserveStock.class));
    }
}

package io.cloudlab.inventory.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.inventory.reservation.domain.LineRefusal.Reason;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import io.cloudlab.inventory.saga.StockSagaReply.CommitFailure;
import io.cloudlab.support.saga.SagaCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StockSagaCodecTest {

    static final UUID PRODUCT = UUID.randomUUID();

    static SagaCommand envelope(String type, JsonObject fields) {
        JsonObject data = fields.copy().put("saga_id", UUID.randomUUID().toString())
                .put("order_id", UUID.randomUUID().toString());
        return new SagaCommand(UUID.randomUUID(), type, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                null, data);
    }

    static SagaCommand reserve(Object lines) {
        return envelope("ReserveStock", new JsonObject().put("lines", lines));
    }

    static JsonObject line(Object productId, Object quantity) {
        return new JsonObject().put("product_id", productId).put("quantity", quantity);
    }

    @Test
    void readsTheThreeCommandsAndIgnoresOtherTypes() {
        assertEquals(Optional.of(new StockSagaCommand.ReserveStock(List.of(new ReservationLine(PRODUCT, 3)))),
                StockSagaCodec.command(reserve(new JsonArray().add(line(PRODUCT.toString(), 3)))));
        assertEquals(Optional.of(new StockSagaCommand.ReleaseStock()),
                StockSagaCodec.command(envelope("ReleaseStock", new JsonObject())));
        assertEquals(Optional.of(new StockSagaCommand.CommitStock()),
                StockSagaCodec.command(envelope("CommitStock", new JsonObject())));
        assertEquals(Optional.empty(), StockSagaCodec.command(envelope("AuthorizePayment", new JsonObject())));
    }

    @Test
    void refusesLinesThatDoNotMakeAReservation() {
        String p = PRODUCT.toString();
        List<Object> broken = List.of("not an array", new JsonArray(), new JsonArray().add("x"),
                new JsonArray().add(line("not-a-uuid", 1)), new JsonArray().add(line(p, 0)),
                new JsonArray().add(line(p, -1)), new JsonArray().add(line(p, 1.5)), new JsonArray().add(line(p, "3")),
                new JsonArray().add(line(p, 1_000_001)), new JsonArray().add(line(p, 1)).add(line(p, 2)),
                new JsonArray().add(new JsonObject().put("product_id", p)));
        for (Object lines : broken) {
            assertThrows(IllegalArgumentException.class, () -> StockSagaCodec.command(reserve(lines)), lines.toString());
        }
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 101; i++) tooMany.add(line(UUID.randomUUID().toString(), 1));
        assertThrows(IllegalArgumentException.class, () -> StockSagaCodec.command(reserve(tooMany)));
        assertThrows(IllegalArgumentException.class,
                () -> StockSagaCodec.command(envelope("ReserveStock", new JsonObject())));
    }

    @Test
    void writesEveryReplyInTheContractsFields() {
        Instant expires = Instant.parse("2030-01-01T00:15:00.123456Z");
        assertEquals(new JsonObject().put("lines", new JsonArray().add(line(PRODUCT.toString(), 2)))
                        .put("expires_at", "2030-01-01T00:15:00.123456Z"),
                StockSagaCodec.data(new StockSagaReply.StockReserved(List.of(new ReservationLine(PRODUCT, 2)), expires)));
        assertEquals(new JsonObject().put("reason", "insufficient_stock").put("product_id", PRODUCT.toString()),
                StockSagaCodec.data(new StockSagaReply.StockReservationRejected(Reason.INSUFFICIENT_STOCK, PRODUCT)));
        assertEquals(new JsonObject().put("released", false), StockSagaCodec.data(new StockSagaReply.StockReleased(false)));
        assertEquals(new JsonObject(), StockSagaCodec.data(new StockSagaReply.StockCommitted()));
        assertEquals(new JsonObject().put("reason", "no_active_reservation"),
                StockSagaCodec.data(new StockSagaReply.StockCommitFailed(CommitFailure.NO_ACTIVE_RESERVATION)));
        assertEquals("StockReservationRejected",
                new StockSagaReply.StockReservationRejected(Reason.UNKNOWN_PRODUCT, PRODUCT).type());
    }
}

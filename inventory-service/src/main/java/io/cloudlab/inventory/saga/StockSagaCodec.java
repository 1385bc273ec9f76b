package io.cloudlab.inventory.saga;

import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import io.cloudlab.inventory.saga.StockSagaReply.StockCommitFailed;
import io.cloudlab.inventory.saga.StockSagaReply.StockCommitted;
import io.cloudlab.inventory.saga.StockSagaReply.StockReleased;
import io.cloudlab.inventory.saga.StockSagaReply.StockReservationRejected;
import io.cloudlab.inventory.saga.StockSagaReply.StockReserved;
import io.cloudlab.support.saga.SagaCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The JSON of the saga's commands (the envelope's data) and of the inventory's replies. */
public final class StockSagaCodec {

    /** As many lines as POST /reservations takes. */
    public static final int MAX_LINES = 100;

    private StockSagaCodec() {}

    /**
     * The command in the envelope; empty for a type this service does not handle. Data that does not make a
     * valid command is an IllegalArgumentException: the message is skipped, since no retry can fix it.
     */
    public static Optional<StockSagaCommand> command(SagaCommand envelope) {
        return switch (envelope.type() == null ? "" : envelope.type()) {
            case "ReserveStock" -> Optional.of(new StockSagaCommand.ReserveStock(lines(envelope.data())));
            case "ReleaseStock" -> Optional.of(new StockSagaCommand.ReleaseStock());
            case "CommitStock" -> Optional.of(new StockSagaCommand.CommitStock());
            default -> Optional.empty();
        };
    }

    public static JsonObject data(StockSagaReply reply) {
        if (reply instanceof StockReserved r) {
            return new JsonObject().put("lines", lines(r.lines())).put("expires_at", r.expiresAt().toString());
        }
        if (reply instanceof StockReservationRejected r) {
            return new JsonObject().put("reason", r.reason().toString()).put("product_id", r.productId().toString());
        }
        if (reply instanceof StockReleased r) return new JsonObject().put("released", r.released());
        if (reply instanceof StockCommitFailed r) return new JsonObject().put("reason", r.reason().toString());
        if (reply instanceof StockCommitted) return new JsonObject();
        throw new IllegalArgumentException("unknown reply " + reply);
    }

    private static List<ReservationLine> lines(JsonObject data) {
        Object value = data.getValue("lines");
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_LINES) {
            throw new IllegalArgumentException("lines must be an array of 1 to " + MAX_LINES + " lines");
        }
        List<ReservationLine> lines = new ArrayList<>(array.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject line)) throw invalid(i, "is not an object");
            UUID productId = productId(line, i);
            // Strictly an integer: 1.5 or "3" units is a broken command, not something to round.
            if (!(line.getValue("quantity") instanceof Integer quantity) || quantity < 1 || quantity > Product.MAX_QUANTITY) {
                throw invalid(i, "quantity must be an integer between 1 and " + Product.MAX_QUANTITY);
            }
            if (!seen.add(productId)) throw invalid(i, "repeats the product of an earlier line");
            lines.add(new ReservationLine(productId, quantity));
        }
        return lines;
    }

    private static UUID productId(JsonObject line, int index) {
        try {
            return UUID.fromString(line.getString("product_id"));
        } catch (RuntimeException e) {
            throw invalid(index, "product_id must be a UUID");
        }
    }

    private static IllegalArgumentException invalid(int index, String why) {
        return new IllegalArgumentException("lines[" + index + "] " + why);
    }

    private static JsonArray lines(List<ReservationLine> lines) {
        JsonArray array = new JsonArray();
        for (ReservationLine line : lines) {
            array.add(new JsonObject().put("product_id", line.productId().toString()).put("quantity", line.quantity()));
        }
        return array;
    }
}

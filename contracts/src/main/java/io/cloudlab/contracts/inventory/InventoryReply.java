package io.cloudlab.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.SagaReply;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The inventory's answers. */
public sealed interface InventoryReply extends SagaReply {

    /** Every line is held until {@code expiresAt} (also the answer to a new attempt once it is). */
    record StockReserved(
            @JsonProperty("lines") List<StockLine> lines,
            @JsonProperty("expires_at") Instant expiresAt) implements InventoryReply {}

    /**
     * Nothing was held; {@code productId} is the first line's product that could not be: {@code reason}
     * insufficient_stock, unknown_product or product_retired.
     */
    record StockReservationRejected(
            @JsonProperty("reason") String reason,
            @JsonProperty("product_id") UUID productId) implements InventoryReply, Failure {}

    /** {@code released} is false when nothing was held (any more): a release always succeeds. */
    record StockReleased(@JsonProperty("released") boolean released) implements InventoryReply {}

    record StockCommitted() implements InventoryReply {}

    /** {@code reason}: no_active_reservation, expired or released. */
    record StockCommitFailed(@JsonProperty("reason") String reason) implements InventoryReply, Failure {}

    /** {@code returned} is false when the order had nothing to give back (any more): a return always succeeds. */
    record StockReturned(@JsonProperty("returned") boolean returned) implements InventoryReply {}
}

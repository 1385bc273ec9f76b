package io.cloudlab.inventory.product.domain;

import io.cloudlab.eventstore.decider.Refusal;
import java.util.UUID;

/** Fewer units are available than asked for (409 insufficient-stock). */
public final class InsufficientStock extends Refusal {

    private final int available;

    public InsufficientStock(UUID productId, int requested, int available) {
        super(Kind.CONFLICT, "insufficient-stock", null,
                "product " + productId + " has " + available + " units available, " + requested + " requested");
        this.available = available;
    }

    public int available() {
        return available;
    }
}

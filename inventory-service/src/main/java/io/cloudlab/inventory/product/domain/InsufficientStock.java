package io.cloudlab.inventory.product.domain;

import java.util.UUID;

/** Fewer units are available than asked for. */
public final class InsufficientStock extends ProductRuleViolation {

    private final int available;

    public InsufficientStock(UUID productId, int requested, int available) {
        super("product " + productId + " has " + available + " units available, " + requested + " requested");
        this.available = available;
    }

    public int available() {
        return available;
    }
}

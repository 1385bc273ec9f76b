package io.cloudlab.inventory.product.domain;

import io.cloudlab.eventstore.decider.Refusal;

/** A value outside the product's rules (400 invalid-input); {@link #field()} names it as the client sent it. */
public final class InvalidProductData extends Refusal {

    public InvalidProductData(String field, String message) {
        super(Kind.INVALID, "invalid-input", field, field + " " + message);
    }
}

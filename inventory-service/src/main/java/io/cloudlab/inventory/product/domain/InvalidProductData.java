package io.cloudlab.inventory.product.domain;

/** A value outside the product's rules; {@link #field()} names it as the client sent it. */
public final class InvalidProductData extends ProductRuleViolation {

    private final String field;

    public InvalidProductData(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package io.cloudlab.inventory.product.domain;

/** A command the product refuses; nothing happened. The REST edge turns each kind into its problem. */
public abstract sealed class ProductRuleViolation extends RuntimeException
        permits InvalidProductData, ProductNotActive, InsufficientStock, ProductAlreadyExists {

    ProductRuleViolation(String message) {
        super(message, null, false, false);
    }
}

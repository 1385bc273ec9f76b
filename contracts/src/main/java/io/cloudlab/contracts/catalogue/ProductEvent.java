package io.cloudlab.contracts.catalogue;

/**
 * What other services read of a product's events (cloudlab.product.events, owner inventory-service): its
 * name, price and whether it can still be sold. The topic carries stock movements too; they are not for
 * other services, and a reader skips them.
 */
public sealed interface ProductEvent permits ProductCreated, ProductUpdated, ProductRepriced, ProductRetired {}

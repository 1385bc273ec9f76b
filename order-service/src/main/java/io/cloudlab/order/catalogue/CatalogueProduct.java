package io.cloudlab.order.catalogue;

import java.math.BigDecimal;
import java.util.UUID;

/** A product as new orders see it: its name, its current price, and whether it can still be ordered. */
public record CatalogueProduct(UUID productId, String name, BigDecimal price, String currency, boolean active) {}

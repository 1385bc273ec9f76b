package io.cloudlab.inventory.product.store;

import io.cloudlab.inventory.product.domain.ProductState;
import java.time.OffsetDateTime;

/** A product as read from its rows: the aggregate's state and the row's timestamps. */
public record ProductRecord(ProductState state, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

package io.cloudlab.inventory.reservation.domain;

import java.util.UUID;

/** Units of one product held for the order. */
public record ReservationLine(UUID productId, int quantity) {}

package io.cloudlab.order.history;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a customer's order list. */
public record OrderSummary(UUID orderId, String orderNumber, String status, String paymentMethod, String currency,
        BigDecimal totalAmount, int itemCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

package io.cloudlab.saga.fulfilment.domain;

import java.math.BigDecimal;

/**
 * What was asked of a saga that undoes a paid order in part or whole: the money to give back, why, and whether
 * the order's units go back on sale. None for fulfilment.
 */
public record SagaRequest(BigDecimal amount, String reason, boolean restock) {}

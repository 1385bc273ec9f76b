package io.cloudlab.saga.fulfilment.domain;

import java.util.Locale;

/**
 * How a completed saga ended. Seed 001's status has no "compensated", so a saga that undid its steps is
 * {@code completed} with outcome {@code compensated}; {@code fulfilled} means the order went all the way.
 */
public enum SagaOutcome {
    FULFILLED, COMPENSATED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

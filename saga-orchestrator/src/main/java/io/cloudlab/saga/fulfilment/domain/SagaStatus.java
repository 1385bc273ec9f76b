package io.cloudlab.saga.fulfilment.domain;

import java.util.Locale;

/** saga_instances.status exactly as seed 001 constrains it. */
public enum SagaStatus {
    STARTED, COMPLETED, COMPENSATING, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

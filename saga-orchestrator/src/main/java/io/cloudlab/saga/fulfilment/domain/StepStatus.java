package io.cloudlab.saga.fulfilment.domain;

import java.util.Locale;

/** saga_steps.status exactly as seed 001 constrains it. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, COMPENSATED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

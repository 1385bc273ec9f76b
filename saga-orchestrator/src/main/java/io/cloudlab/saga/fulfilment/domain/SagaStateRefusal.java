package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.eventstore.decider.Refusal;

/** An operator's action that does not fit where the saga is (retrying a completed saga): 409 saga-state. */
public final class SagaStateRefusal extends Refusal {

    SagaStateRefusal(String message) {
        super(Kind.CONFLICT, "saga-state", null, message);
    }
}

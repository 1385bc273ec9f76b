package io.cloudlab.saga.fulfilment.domain;

import java.util.UUID;

/**
 * What deciding an input changed: a step's new state, the saga's new status, and each command it sends.
 * They are the saga's writes: the changed steps and the instance row are saved, the commands appended to the
 * outbox, all in one transaction.
 */
public sealed interface SagaEvent {

    record StepChanged(Step step) implements SagaEvent {}

    record SagaChanged(SagaStatus status, SagaOutcome outcome, UUID paymentId, String failure) implements SagaEvent {}

    record CommandIssued(StepCommand command) implements SagaEvent {}
}

package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.SagaCommand;
import java.util.UUID;

/** A command the saga sends: to {@code step}'s participant, as the step's current attempt. */
public record StepCommand(UUID commandId, SagaStep step, SagaCommand command) {}

package io.cloudlab.saga.fulfilment.domain;

import java.util.Map;
import java.util.UUID;

/** A command the saga sends: to {@code step.target()}'s commands topic, as the step's current attempt. */
public record SagaCommand(UUID commandId, StepType step, Map<String, Object> fields) {}

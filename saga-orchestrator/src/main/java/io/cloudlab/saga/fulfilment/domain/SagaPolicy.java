package io.cloudlab.saga.fulfilment.domain;

import java.time.Duration;

/**
 * Time rules of a saga. Each attempt of a step has {@code stepTimeout} times 2^(attempt-1), capped at
 * {@code maxTimeout}, to answer; a forward step that runs out of its attempts fails and the saga compensates;
 * a compensation that runs out leaves the saga failed for an operator, with the step and error recorded.
 */
public record SagaPolicy(Duration stepTimeout, Duration maxTimeout, int forwardAttempts, int compensationAttempts) {

    public static final SagaPolicy DEFAULT = new SagaPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2), 3, 6);

    Duration timeoutOf(int attempt) {
        long factor = 1L << Math.min(20, attempt - 1);
        Duration timeout = stepTimeout.multipliedBy(factor);
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }

    int attemptsOf(StepType type) {
        return type.compensation() ? compensationAttempts : forwardAttempts;
    }
}

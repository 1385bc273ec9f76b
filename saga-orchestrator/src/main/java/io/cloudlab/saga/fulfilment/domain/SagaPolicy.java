package io.cloudlab.saga.fulfilment.domain;

import java.time.Duration;

/**
 * Time rules of a saga. Each attempt of a step has {@code stepTimeout} times 2^(attempt-1), capped at
 * {@code maxTimeout}, to answer; a forward step before the pivot that runs out of its {@code forwardAttempts}
 * fails and the saga compensates. A step that cannot be undone, a compensation or a retriable step after the pivot
 * ({@link SagaStep#untilDone()}), gets the longer {@code compensationAttempts}; when those run out the saga is
 * left failed for an operator, with the step and error recorded.
 */
public record SagaPolicy(Duration stepTimeout, Duration maxTimeout, int forwardAttempts, int compensationAttempts) {

    public static final SagaPolicy DEFAULT = new SagaPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2), 3, 6);

    Duration timeoutOf(int attempt) {
        long factor = 1L << Math.min(20, attempt - 1);
        Duration timeout = stepTimeout.multipliedBy(factor);
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }

    int attemptsOf(SagaStep type) {
        // Under overload a step after the pivot can go unanswered only because its command waits in a queue;
        // giving up would stop a paid order's saga for an operator, and compensating is not an option.
        return type.untilDone() ? compensationAttempts : forwardAttempts;
    }
}

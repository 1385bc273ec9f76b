package io.cloudlab.saga.fulfilment.domain;

import java.time.Duration;

/**
 * Time rules of a saga. Each attempt of a step has {@code stepTimeout} times 2^(attempt-1), capped at
 * {@code maxTimeout}, to answer; a forward step before the pivot that runs out of its {@code forwardAttempts}
 * fails and the saga compensates. A step that cannot be undone, a compensation or a {@link StepType#retriable()}
 * step after the order was paid, gets the longer {@code compensationAttempts}; when those run out the saga is
 * left failed for an operator, with the step and error recorded.
 */
public record SagaPolicy(Duration stepTimeout, Duration maxTimeout, int forwardAttempts, int compensationAttempts) {

    public static final SagaPolicy DEFAULT = new SagaPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2), 3, 6);

    Duration timeoutOf(int attempt) {
        long factor = 1L << Math.min(20, attempt - 1);
        Duration timeout = stepTimeout.multipliedBy(factor);
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }

    int attemptsOf(StepType type) {
        // Why a paid order's capture and stock commit get the long budget: under overload (deploy/chaos/run at
        // 20 orders/s, docs/performance.md) 603 paid orders' CommitStock went unanswered for 3 attempts (70 s)
        // and their sagas stopped for an operator, though the command was only queued behind others.
        return type.compensation() || type.retriable() ? compensationAttempts : forwardAttempts;
    }
}

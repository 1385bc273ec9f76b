package io.cloudlab.saga.fulfilment.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a saga as it stands. {@code commandId} is the current attempt's command: only a reply to it
 * counts (a reply to an earlier attempt, or a second copy, changes nothing). {@code deadline} is when the
 * current attempt is given up on (retried, or failed when out of attempts).
 */
public record Step(SagaStep type, StepStatus status, int attempts, UUID commandId, Instant startedAt,
        Instant completedAt, Instant deadline, String error, String lastReply) {

    static Step attempt(SagaStep type, Step before, UUID commandId, Instant now, Instant deadline) {
        int attempts = before == null ? 1 : before.attempts + 1;
        Instant started = before == null || before.startedAt == null ? now : before.startedAt;
        return new Step(type, StepStatus.RUNNING, attempts, commandId, started, null, deadline,
                before == null ? null : before.error, before == null ? null : before.lastReply);
    }

    Step finished(StepStatus outcome, Instant now, String reply, String failure) {
        return new Step(type, outcome, attempts, commandId, startedAt, now, null, failure == null ? error : failure, reply);
    }

    Step timedOut(String failure) {
        return new Step(type, status, attempts, commandId, startedAt, completedAt, deadline, failure, lastReply);
    }

    /** saga_steps.retry_count: attempts after the first. */
    public int retryCount() {
        return Math.max(0, attempts - 1);
    }
}

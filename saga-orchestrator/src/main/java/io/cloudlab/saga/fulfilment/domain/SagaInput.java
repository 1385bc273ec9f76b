package io.cloudlab.saga.fulfilment.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a saga is asked to decide on. Each carries the time it happened and where new command ids come from,
 * so deciding needs no clock and no random source of its own.
 */
public sealed interface SagaInput {

    Instant now();

    /** The order was placed: begin the first step. */
    record Start(Instant now, Supplier<UUID> ids) implements SagaInput {}

    /** A participant answered a command attempt. */
    record ReplyArrived(Reply reply, Instant now, Supplier<UUID> ids) implements SagaInput {}

    /** The scheduler found the running step's deadline passed. */
    record DeadlinePassed(Instant now, Supplier<UUID> ids) implements SagaInput {}

    /** An operator runs the failed or stuck step again, with fresh attempts. */
    record RetryStep(Instant now, Supplier<UUID> ids) implements SagaInput {}

    /** An operator marks the failed or stuck step done by hand. */
    record SkipStep(Instant now, Supplier<UUID> ids) implements SagaInput {}

    /** An operator stops the saga going forward and has it undo what was done. */
    record Compensate(Instant now, String why, Supplier<UUID> ids) implements SagaInput {}

    /** An operator ends the saga as failed, sending nothing more. */
    record Cancel(Instant now, String why) implements SagaInput {}
}

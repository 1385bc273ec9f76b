package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.SagaCommand;
import java.util.function.Function;

/**
 * One row of a saga's definition: a step's name (saga_steps.step_type), its number (saga_steps.step_number,
 * the order steps can run in), the participant that carries it out, the command it sends, and what kind of
 * step it is. Built only by {@link SagaDefinition}.
 */
public record SagaStep(int number, String name, Participant<?, ?> participant, Class<? extends SagaCommand> commandType,
        Function<SagaContext, SagaCommand> command, Kind kind) {

    /**
     * In the saga literature's terms (Garcia-Molina and Salem's "Sagas", Richardson's compensatable / pivot /
     * retriable transactions): what may be undone, the go/no-go point, and what follows it and is only ever done.
     */
    public enum Kind {
        /** Before the pivot: undone by its compensation when a later step fails. */
        COMPENSATABLE,
        /** The point of no return: once it succeeds, the saga only goes forward; only a refusal undoes. */
        PIVOT,
        /** After the pivot: never undone, so it is retried until done or an operator steps in. */
        RETRIABLE,
        /** Undoes a compensatable step (or the saga's origin); retried until done, like a retriable step. */
        COMPENSATION,
        /**
         * Runs when the saga stops for an operator (a step that cannot be undone failed): tells its order so.
         * Once it is done the saga is failed; retried until done like a retriable step.
         */
        ON_STOP
    }

    public boolean compensation() {
        return kind == Kind.COMPENSATION;
    }

    /**
     * A step that cannot be given up on by compensating: it gets the long budget of attempts. The pivot is
     * one: an unanswered pivot may have happened (the order paid), so only its participant's answer, never a
     * timeout, decides between going on and undoing.
     */
    public boolean untilDone() {
        return kind == Kind.RETRIABLE || kind == Kind.COMPENSATION || kind == Kind.PIVOT || kind == Kind.ON_STOP;
    }

    /** The command's type on the wire, e.g. ReserveStock. */
    public String commandName() {
        return commandType.getSimpleName();
    }

    /** As stored in saga_steps.step_type. */
    @Override
    public String toString() {
        return name;
    }
}

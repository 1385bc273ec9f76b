package io.cloudlab.contracts;

/**
 * A participant's answer to one saga command, appended in the transaction of the command's effect. Its
 * record's simple name is its type on the wire; {@link ReplyHeader} travels beside its own fields.
 */
public interface SagaReply {

    /** An answer that says the step did not happen: the saga compensates, or stops for an operator. */
    interface Failure extends SagaReply {

        /** Why, in the participant's words (insufficient_stock, declined, ...). */
        String reason();
    }

    default boolean failure() {
        return this instanceof Failure;
    }
}

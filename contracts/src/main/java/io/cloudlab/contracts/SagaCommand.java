package io.cloudlab.contracts;

import java.util.UUID;

/**
 * A command of a saga to one participant. Its record's simple name is its type on the wire (the event type of
 * the orchestrator's command stream); every command names the saga and the order it is about.
 */
public interface SagaCommand {

    UUID sagaId();

    UUID orderId();
}

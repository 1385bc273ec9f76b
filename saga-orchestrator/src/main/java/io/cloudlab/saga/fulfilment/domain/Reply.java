package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.SagaReply;
import io.cloudlab.contracts.Wire;
import java.util.UUID;

/**
 * A participant's answer to one command attempt: {@code commandType} is the command it answers (ReserveStock),
 * {@code body} the typed reply (StockReserved), whose contract says whether the step failed.
 */
public record Reply(UUID commandId, String commandType, SagaReply body) {

    public boolean failure() {
        return body.failure();
    }

    public String type() {
        return Wire.typeOf(body);
    }

    /** Why the step failed, as the participant put it; null for a success. */
    public String reason() {
        return body instanceof SagaReply.Failure f ? f.reason() : null;
    }
}

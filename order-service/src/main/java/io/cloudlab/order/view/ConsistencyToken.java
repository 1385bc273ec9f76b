package io.cloudlab.order.view;

import io.cloudlab.support.problem.ProblemException;
import java.util.UUID;

/**
 * Read-your-writes for the order views. Every order command answers it in {@value #HEADER}: the order and the
 * version its last event gave the stream. A read that passes it back (the same header, or {@code ?after=})
 * is answered by a view that has applied at least that event, or by PostgreSQL.
 *
 * <p>It names a stream version rather than the store's global position on purpose: global positions are taken
 * before commit and commit out of order, so "the view has passed position P" does not mean it has seen the
 * event at P; a stream's versions are dense and applied in order.
 */
public record ConsistencyToken(UUID orderId, int version) {

    public static final String HEADER = io.cloudlab.support.idempotency.IdempotentCommands.CONSISTENCY_TOKEN;

    public static ConsistencyToken parse(String text, String field) {
        if (text == null || text.isBlank()) return null;
        int at = text.lastIndexOf(':');
        try {
            if (at < 0) throw new IllegalArgumentException();
            int version = Integer.parseInt(text.substring(at + 1));
            if (version < 1) throw new IllegalArgumentException();
            return new ConsistencyToken(UUID.fromString(text.substring(0, at)), version);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "is not a consistency token an order command answered (<order_id>:<version>)");
        }
    }

    @Override
    public String toString() {
        return orderId + ":" + version;
    }
}

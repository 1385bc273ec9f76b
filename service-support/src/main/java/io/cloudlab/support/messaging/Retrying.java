package io.cloudlab.saga.fulfilment.messaging;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * How the orchestrator's consumers treat failures: the database or network being away, or a serialization
 * conflict, is waited out (the offset is committed only once the message is applied, so nothing is
 * skipped); a message whose content cannot be applied is logged and skipped, since retrying cannot fix it.
 */
final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private Retrying() {}

    static Uni<Void> untilApplied(Supplier<Uni<Void>> work, String messageId) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(Retrying::retryable).invoke(e -> LOG.warnf("message %s not applied yet: %s", messageId, e))
                .onFailure(Retrying::retryable).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onFailure().recoverWithItem(bad -> {
                    LOG.errorf(bad, "skipping message %s: it cannot be applied", messageId);
                    return null;
                });
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof io.vertx.core.VertxException || failure instanceof java.io.IOException
                || failure instanceof io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict
                || (failure instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57")
                                || pg.getSqlState().startsWith("40") || pg.getSqlState().equals("23505")));
    }
}

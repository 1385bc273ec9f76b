package io.cloudlab.order.catalogue;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Kafka edge of the catalogue copy: topic cloudlab.product.events, consumer group order-service.catalogue.
 * A message that is not a Product event envelope is logged and skipped (retrying cannot fix it); a failure
 * to apply a good one (the database is away) is retried with backoff and never skipped, since the offset
 * is committed only once the message is applied.
 */
@ApplicationScoped
public class ProductEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ProductEventsConsumer.class);

    @Inject
    Catalogue catalogue;

    @Incoming("product-events")
    public Uni<Void> consume(String message) {
        JsonObject envelope;
        try {
            envelope = new JsonObject(message);
            if (envelope.getString("event_id") == null || envelope.getJsonObject("metadata") == null) {
                throw new DecodeException("not an event envelope");
            }
        } catch (RuntimeException unreadable) {
            LOG.warnf("skipping a message on cloudlab.product.events that is not a Product event: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> catalogue.apply(envelope))
                .onFailure(ProductEventsConsumer::retryable)
                .invoke(e -> LOG.warnf("could not apply product event %s yet: %s", envelope.getString("event_id"), e))
                .onFailure(ProductEventsConsumer::retryable)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure().recoverWithItem(bad -> {
                    LOG.errorf(bad, "skipping product event %s: its content cannot be applied", envelope.getString("event_id"));
                    return null;
                });
    }

    /** The database or the network: worth waiting for. Anything else is the message's fault. */
    private static boolean retryable(Throwable failure) {
        return failure instanceof io.vertx.core.VertxException || failure instanceof java.io.IOException
                || (failure instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57")
                                || pg.getSqlState().startsWith("40")));
    }
}

package io.cloudlab.order.catalogue;

import io.cloudlab.support.messaging.Retrying;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        return Retrying.untilApplied(() -> catalogue.apply(envelope), envelope.getString("event_id"));
    }
}

package io.cloudlab.order.catalogue;

import io.cloudlab.support.messaging.MessageConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Kafka edge of the catalogue copy: topic cloudlab.product.events, consumer group order-service.catalogue.
 * A message that is not a Product event envelope is parked; a good one is applied through the inbox.
 */
@ApplicationScoped
public class ProductEventsConsumer implements MessageConsumer {

    @Inject
    Catalogue catalogue;

    @Inject
    MessageEdge edge;

    @Incoming("product-events")
    public Uni<Void> consume(String message) {
        return edge.consume(this, message);
    }

    @Override
    public String name() {
        return Catalogue.CONSUMER;
    }

    @Override
    public Uni<Void> apply(String message) {
        JsonObject envelope = new JsonObject(message);
        if (envelope.getString("event_id") == null || envelope.getJsonObject("metadata") == null) {
            throw new DecodeException("not an event envelope");
        }
        return catalogue.apply(envelope);
    }
}

package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.contracts.Wire;
import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.saga.fulfilment.store.SagaDataCodec;
import io.cloudlab.support.messaging.MessageConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.cloudlab.support.observability.LogContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Starts a saga for every OrderPlaced on cloudlab.order.events (group saga-orchestrator.order-events); the
 * topic's other events are not for the orchestrator. An OrderPlaced that cannot be read is parked: its order
 * has no saga, and {@code GET /sagas/stuck} lists it.
 */
@ApplicationScoped
public class OrderEventsConsumer implements MessageConsumer {

    @Inject
    Fulfilment fulfilment;

    @Inject
    MessageEdge edge;

    @Incoming("order-events")
    public Uni<Void> consume(String message) {
        return edge.consume(this, message);
    }

    @Override
    public String name() {
        return Fulfilment.ORDER_EVENTS;
    }

    @Override
    public Uni<Void> apply(String message) {
        JsonObject envelope = new JsonObject(message);
        if (!"OrderPlaced".equals(envelope.getString("event_type"))) return Uni.createFrom().voidItem();
        JsonObject metadata = envelope.getJsonObject("metadata");
        String correlation = metadata.getString("correlation_id");
        UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
        LogContext.of(tenant, correlation == null ? null : UUID.fromString(correlation));
        var order = SagaDataCodec.fromOrderPlaced(UUID.fromString(envelope.getString("aggregate_id")), tenant,
                Wire.read(envelope.getJsonObject("data").getMap(), OrderPlaced.class));
        return fulfilment.start(UUID.fromString(envelope.getString("event_id")), order,
                correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"));
    }
}

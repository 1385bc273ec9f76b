package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.contracts.Wire;
import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.support.observability.LogContext;
import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.saga.fulfilment.store.SagaDataCodec;
import io.cloudlab.support.messaging.Retrying;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Starts a saga for every OrderPlaced on cloudlab.order.events (group saga-orchestrator.order-events). */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    @Inject
    Fulfilment fulfilment;

    @Incoming("order-events")
    public Uni<Void> consume(String message) {
        JsonObject envelope;
        try {
            envelope = new JsonObject(message);
        } catch (RuntimeException unreadable) {
            LOG.warnf("skipping a message on cloudlab.order.events that is not JSON");
            return Uni.createFrom().voidItem();
        }
        if (!"OrderPlaced".equals(envelope.getString("event_type"))) return Uni.createFrom().voidItem();
        try {
            JsonObject metadata = envelope.getJsonObject("metadata");
            String correlation = metadata.getString("correlation_id");
            LogContext.of(UUID.fromString(metadata.getString("tenant_id")), correlation == null ? null : UUID.fromString(correlation));
            var order = SagaDataCodec.fromOrderPlaced(UUID.fromString(envelope.getString("aggregate_id")),
                    UUID.fromString(metadata.getString("tenant_id")),
                    Wire.read(envelope.getJsonObject("data").getMap(), OrderPlaced.class));
            return Retrying.untilApplied(() -> fulfilment.start(UUID.fromString(envelope.getString("event_id")), order,
                    correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent")),
                    envelope.getString("event_id"));
        } catch (RuntimeException bad) {
            LOG.errorf(bad, "skipping OrderPlaced %s: it cannot be read", envelope.getString("event_id"));
            return Uni.createFrom().voidItem();
        }
    }
}

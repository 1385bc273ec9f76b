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
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Starts a saga for every OrderPlaced on cloudlab.order.events (group saga-orchestrator.order-events); the
 * topic's other events are not for the orchestrator. An OrderPlaced that cannot be read is parked: its order
 * has no saga, and {@code GET /sagas/stuck} lists it. A poll's sagas start in one transaction.
 */
@ApplicationScoped
public class OrderEventsConsumer implements MessageConsumer {

    @Inject
    Fulfilment fulfilment;

    @Inject
    MessageEdge edge;

    @Incoming("order-events")
    public Uni<Void> consume(List<String> messages) {
        return edge.consumeAll(this, messages);
    }

    @Override
    public String name() {
        return Fulfilment.ORDER_EVENTS;
    }

    @Override
    public Uni<Void> apply(String message) {
        Function<SqlConnection, Uni<Void>> start = starting(message);
        return start == null ? Uni.createFrom().voidItem() : fulfilment.inOneTransaction(List.of(start));
    }

    /** A poll's OrderPlaced events start their sagas in one transaction. */
    @Override
    public Uni<Void> applyAll(List<String> messages) {
        List<Function<SqlConnection, Uni<Void>>> work = new ArrayList<>();
        for (String message : messages) {
            Function<SqlConnection, Uni<Void>> start = starting(message);
            if (start != null) work.add(start);
        }
        return work.isEmpty() ? Uni.createFrom().voidItem() : fulfilment.inOneTransaction(work);
    }

    /** The start of the saga an OrderPlaced asks for, or null for the topic's other events. */
    private Function<SqlConnection, Uni<Void>> starting(String message) {
        JsonObject envelope = new JsonObject(message);
        if (!"OrderPlaced".equals(envelope.getString("event_type"))) return null;
        JsonObject metadata = envelope.getJsonObject("metadata");
        String correlation = metadata.getString("correlation_id");
        UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
        LogContext.of(tenant, correlation == null ? null : UUID.fromString(correlation), metadata.getString("traceparent"));
        var order = SagaDataCodec.fromOrderPlaced(UUID.fromString(envelope.getString("aggregate_id")), tenant,
                Wire.read(envelope.getJsonObject("data").getMap(), OrderPlaced.class));
        UUID messageId = UUID.fromString(envelope.getString("event_id"));
        UUID correlationId = correlation == null ? null : UUID.fromString(correlation);
        String traceparent = metadata.getString("traceparent");
        return tx -> {
            LogContext.of(tenant, correlationId, traceparent);
            return fulfilment.start(tx, messageId, order, correlationId, traceparent);
        };
    }
}

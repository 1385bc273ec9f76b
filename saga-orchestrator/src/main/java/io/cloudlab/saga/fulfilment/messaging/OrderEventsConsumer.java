package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.contracts.Wire;
import io.cloudlab.contracts.order.OrderCancellationRequested;
import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.contracts.order.OrderRefundRequested;
import io.cloudlab.saga.fulfilment.domain.OrderCancellationSaga;
import io.cloudlab.saga.fulfilment.domain.OrderRefundSaga;
import io.cloudlab.saga.fulfilment.domain.SagaDefinition;
import io.cloudlab.saga.fulfilment.domain.SagaOrder;
import io.cloudlab.saga.fulfilment.domain.SagaRequest;
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
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Starts the sagas the order events on cloudlab.order.events ask for (group saga-orchestrator.order-events):
 * fulfilment for every OrderPlaced, a cancellation for OrderCancellationRequested, a refund for
 * OrderRefundRequested; the topic's other events are not for the orchestrator. An event that cannot be read is
 * parked: its order has no saga, and {@code GET /sagas/stuck} lists it. A poll's sagas start in one transaction.
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

    /** The start of the saga an event asks for, or null for the topic's other events. */
    private Function<SqlConnection, Uni<Void>> starting(String message) {
        JsonObject envelope = new JsonObject(message);
        String type = envelope.getString("event_type");
        if ("OrderCancellationRequested".equals(type) || "OrderRefundRequested".equals(type)) return following(envelope, type);
        if (!"OrderPlaced".equals(type)) return null;
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

    /** A paid order's cancellation or refund: its saga, named by the id the order gave it. */
    private Function<SqlConnection, Uni<Void>> following(JsonObject envelope, String type) {
        JsonObject metadata = envelope.getJsonObject("metadata");
        String correlation = metadata.getString("correlation_id");
        UUID tenant = UUID.fromString(metadata.getString("tenant_id"));
        UUID orderId = UUID.fromString(envelope.getString("aggregate_id"));
        UUID messageId = UUID.fromString(envelope.getString("event_id"));
        UUID correlationId = correlation == null ? null : UUID.fromString(correlation);
        String traceparent = metadata.getString("traceparent");
        Map<String, Object> data = envelope.getJsonObject("data").getMap();
        SagaDefinition definition;
        UUID sagaId;
        UUID paymentId;
        SagaOrder order;
        SagaRequest request;
        if ("OrderCancellationRequested".equals(type)) {
            OrderCancellationRequested asked = Wire.read(data, OrderCancellationRequested.class);
            definition = OrderCancellationSaga.DEFINITION;
            sagaId = asked.cancellationId();
            paymentId = asked.paymentId();
            order = SagaDataCodec.fromCancellation(orderId, tenant, asked);
            request = new SagaRequest(asked.amount(), asked.reason(), true);
        } else {
            OrderRefundRequested asked = Wire.read(data, OrderRefundRequested.class);
            definition = OrderRefundSaga.DEFINITION;
            sagaId = asked.refundId();
            paymentId = asked.paymentId();
            order = SagaDataCodec.fromRefund(orderId, tenant, asked);
            request = new SagaRequest(asked.amount(), asked.reason(), asked.restock());
        }
        return tx -> {
            LogContext.of(tenant, correlationId, traceparent);
            return fulfilment.follow(tx, messageId, definition, sagaId, order, request, paymentId, correlationId, traceparent);
        };
    }
}

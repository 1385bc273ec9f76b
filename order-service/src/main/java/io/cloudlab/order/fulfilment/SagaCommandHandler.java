package io.cloudlab.order.fulfilment;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.order.order.domain.OrderCommand;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderRejection;
import io.cloudlab.order.order.store.Orders;
import io.cloudlab.order.order.store.StoredOrder;
import io.cloudlab.support.saga.SagaCommand;
import io.cloudlab.support.saga.SagaReplies;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The order service's part of the order-fulfilment saga: ConfirmOrder (the payment is authorized: the order
 * is paid), RejectOrder (stock or payment failed) and CancelOrder. The effect on the order, the inbox row
 * and the reply commit in one transaction, so a redelivered command changes nothing and the orchestrator
 * always hears what happened.
 */
@ApplicationScoped
public class SagaCommandHandler {

    static final String CONSUMER = "order-service.saga-commands";
    private static final Logger LOG = Logger.getLogger(SagaCommandHandler.class);

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    Orders orders;

    public Uni<Void> handle(SagaCommand command) {
        OrderCommand decided = toOrderCommand(command);
        if (decided == null) {
            LOG.warnf("ignoring unknown saga command %s (%s)", command.type(), command.commandId());
            return Uni.createFrom().voidItem();
        }
        // The order is read before the transaction (the store reads through the pool); the append checks
        // its version, so a change in between is a conflict that rolls back and is retried.
        return orders.load(command.tenantId(), command.orderId())
                .chain(stored -> TenantTransactions.inTenant(pool, command.tenantId(), tx ->
                        Inbox.firstDelivery(tx, CONSUMER, command.commandId()).chain(first -> first
                                ? apply(tx, command, stored, decided)
                                : Uni.createFrom().voidItem())))
                .replaceWithVoid();
    }

    private Uni<Void> apply(SqlConnection tx, SagaCommand command, StoredOrder stored, OrderCommand decided) {
        if (!stored.order().exists()) {
            return reply(tx, command, failureOf(command), new JsonObject().put("reason", "unknown_order"));
        }
        List<OrderEvent> events;
        try {
            events = stored.order().decide(decided);
        } catch (OrderRejection refused) {
            return reply(tx, command, failureOf(command), new JsonObject().put("reason", refused.getMessage())
                    .put("status", stored.order().status().toString()));
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) ids.add(command.eventId(i));
        Uni<?> effect = events.isEmpty() ? Uni.createFrom().voidItem()
                : orders.save(tx, stored, events, ids, command.metadata());
        return effect.chain(() -> reply(tx, command, successOf(command),
                new JsonObject().put("status", statusAfter(stored, events))));
    }

    private static String statusAfter(StoredOrder stored, List<OrderEvent> events) {
        List<OrderEvent> all = new ArrayList<>(stored.events());
        all.addAll(events);
        return io.cloudlab.order.order.domain.Order.replay(all).status().toString();
    }

    private Uni<Void> reply(SqlConnection tx, SagaCommand command, String type, JsonObject data) {
        return SagaReplies.append(tx, store, command, type, data).replaceWithVoid();
    }

    private static OrderCommand toOrderCommand(SagaCommand command) {
        JsonObject data = command.data();
        return switch (command.type()) {
            case "ConfirmOrder" -> new OrderCommand.ConfirmPayment(UUID.fromString(data.getString("payment_id")),
                    new BigDecimal(data.getString("amount")));
            case "RejectOrder" -> new OrderCommand.RejectOrder(reason(data, "could not be fulfilled"));
            case "CancelOrder" -> new OrderCommand.CancelOrder(reason(data, "cancelled by the platform"), "saga-orchestrator");
            default -> null;
        };
    }

    private static String reason(JsonObject data, String otherwise) {
        String reason = data.getString("reason");
        return reason == null || reason.isBlank() ? otherwise : reason.substring(0, Math.min(500, reason.length()));
    }

    private static String successOf(SagaCommand command) {
        return switch (command.type()) {
            case "ConfirmOrder" -> "OrderConfirmed";
            case "RejectOrder" -> "OrderRejected";
            default -> "OrderCancelled";
        };
    }

    /** A rejection that cannot happen (the order is not there) still answers, so the saga never waits in vain. */
    private static String failureOf(SagaCommand command) {
        return switch (command.type()) {
            case "ConfirmOrder" -> "OrderConfirmationRejected";
            case "RejectOrder" -> "OrderRejectionFailed";
            default -> "OrderCancellationFailed";
        };
    }
}

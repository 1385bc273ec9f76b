package io.cloudlab.order.fulfilment;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.order.CancelOrder;
import io.cloudlab.contracts.order.CompleteCancellation;
import io.cloudlab.contracts.order.ConfirmOrder;
import io.cloudlab.contracts.order.HoldOrder;
import io.cloudlab.contracts.order.RecordRefund;
import io.cloudlab.contracts.order.OrderCommand;
import io.cloudlab.contracts.order.OrderReply;
import io.cloudlab.contracts.order.Orders;
import io.cloudlab.contracts.order.RejectOrder;
import io.cloudlab.order.order.domain.Order;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderRejection;
import io.cloudlab.order.order.domain.OrderState;
import io.cloudlab.order.order.store.StoredOrder;
import io.cloudlab.support.saga.Received;
import io.cloudlab.support.saga.SagaParticipant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The order service's part in sagas: ConfirmOrder (the payment is authorized: the order is paid), RejectOrder
 * (stock or payment failed), CancelOrder, CompleteCancellation (a paid order's money and units are back),
 * RecordRefund (a refund's money moved) and HoldOrder (a saga about the order stopped for an operator). The effect on the order commits with the inbox row and the reply
 * in the participant edge's transaction, so a redelivered command changes nothing and the orchestrator always
 * hears what happened: a command the order refuses, or one for an order that is not there, is a failure reply.
 */
@ApplicationScoped
public class SagaCommandHandler implements SagaParticipant<OrderCommand, StoredOrder> {

    @Inject
    io.cloudlab.order.order.store.Orders orders;

    @Override
    public Participant<OrderCommand, ?> contract() {
        return Orders.PARTICIPANT;
    }

    @Override
    public String consumerName() {
        return "order-service.saga-commands";
    }

    /**
     * The order, read before the transaction (the store reads through the pool); the append checks its
     * version, so a change in between is a conflict that rolls back and is retried.
     */
    @Override
    public Uni<StoredOrder> prepare(Received<OrderCommand> command) {
        return orders.load(command.tenantId(), command.orderId());
    }

    @Override
    public Uni<OrderReply> handle(SqlConnection tx, Received<OrderCommand> command, StoredOrder stored) {
        OrderCommand c = command.command();
        Answer answer = answerTo(c);
        OrderState state = stored.state();
        if (!state.exists()) return Uni.createFrom().item(answer.refused().apply("unknown_order", null));
        io.cloudlab.order.order.domain.OrderCommand decided = toDomain(c);
        if (decided == null) {
            return Uni.createFrom().item(answer.refused().apply("no payment was authorized", state.status().toString()));
        }
        List<OrderEvent> events;
        try {
            events = Order.DECIDER.decide(decided, state);
        } catch (OrderRejection refused) {
            return Uni.createFrom().item(answer.refused().apply(refused.getMessage(), state.status().toString()));
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) ids.add(command.eventId(i));
        Uni<?> effect = events.isEmpty() ? Uni.createFrom().voidItem()
                : orders.save(tx, stored, events, ids, command.metadata());
        String after = Order.DECIDER.fold(state, events).status().toString();
        return effect.replaceWith(() -> answer.done().apply(after));
    }

    /** How each command is answered: its success reply by the order's status, its failure by reason and status. */
    private record Answer(java.util.function.Function<String, OrderReply> done,
            BiFunction<String, String, OrderReply> refused) {}

    private static Answer answerTo(OrderCommand command) {
        if (command instanceof ConfirmOrder) return new Answer(OrderReply.OrderConfirmed::new, OrderReply.OrderConfirmationRejected::new);
        if (command instanceof RejectOrder) return new Answer(OrderReply.OrderRejected::new, OrderReply.OrderRejectionFailed::new);
        if (command instanceof HoldOrder) return new Answer(OrderReply.OrderHeld::new, OrderReply.OrderHoldFailed::new);
        if (command instanceof CompleteCancellation) {
            return new Answer(OrderReply.CancellationCompleted::new, OrderReply.CancellationCompletionFailed::new);
        }
        if (command instanceof RecordRefund) return new Answer(OrderReply.RefundRecorded::new, OrderReply.RefundRecordingFailed::new);
        return new Answer(OrderReply.OrderCancelled::new, OrderReply.OrderCancellationFailed::new);
    }

    /** The order's own command; null for a confirmation without a payment, which the order cannot take. */
    private static io.cloudlab.order.order.domain.OrderCommand toDomain(OrderCommand command) {
        if (command instanceof ConfirmOrder confirm) {
            return confirm.paymentId() == null ? null
                    : new io.cloudlab.order.order.domain.OrderCommand.ConfirmPayment(confirm.paymentId(), confirm.amount());
        }
        if (command instanceof RejectOrder reject) return new io.cloudlab.order.order.domain.OrderCommand.RejectOrder(reject.reason());
        if (command instanceof HoldOrder hold) return new io.cloudlab.order.order.domain.OrderCommand.HoldOrder(hold.reason());
        if (command instanceof CompleteCancellation complete) {
            return new io.cloudlab.order.order.domain.OrderCommand.CompleteCancellation(complete.refundedAmount());
        }
        if (command instanceof RecordRefund record) {
            return new io.cloudlab.order.order.domain.OrderCommand.RecordRefund(record.refundId(), record.amount());
        }
        CancelOrder cancel = (CancelOrder) command;
        // The saga's cancel is of an order not yet paid; it names no cancellation saga.
        return new io.cloudlab.order.order.domain.OrderCommand.CancelOrder(cancel.reason(), "saga-orchestrator", cancel.sagaId());
    }
}

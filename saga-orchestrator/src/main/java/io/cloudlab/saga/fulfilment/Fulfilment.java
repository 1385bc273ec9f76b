package io.cloudlab.saga.fulfilment;

import io.cloudlab.support.observability.Traceparent;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.saga.fulfilment.domain.OrderFulfilmentSaga;
import io.cloudlab.saga.fulfilment.domain.Saga;
import io.cloudlab.saga.fulfilment.domain.OrderToFulfil;
import io.cloudlab.saga.fulfilment.domain.StepCommand;
import io.cloudlab.saga.fulfilment.domain.SagaPolicy;
import io.cloudlab.saga.fulfilment.domain.Reply;
import io.cloudlab.saga.fulfilment.store.CommandOutbox;
import io.cloudlab.saga.fulfilment.store.SagaRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs sagas: every change (a start, a reply, a deadline, an operator's action) is one transaction that
 * locks the saga, lets the domain decide, saves the saga and appends the commands it sends. A crash at any
 * point leaves either the old state with nothing sent, or the new state with its commands in the outbox.
 */
@ApplicationScoped
public class Fulfilment {

    public static final String ORDER_EVENTS = "saga-orchestrator.order-events";
    public static final String REPLIES = "saga-orchestrator.replies";

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    SagaMetrics metrics;

    @Inject
    FulfilmentConfig config;

    Clock clock = Clock.systemUTC();
    Supplier<UUID> ids = UUID::randomUUID;

    /** The saga of an order: one per order, however often OrderPlaced is delivered. */
    public static UUID sagaIdOf(UUID orderId) {
        return UUID.nameUUIDFromBytes(("order_fulfilment:" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the saga of a placed order; its commands carry the order's trace ({@code traceparent}, may be null). */
    public Uni<Void> start(UUID messageId, OrderToFulfil order, UUID correlationId, String traceparent) {
        return pool.withTransaction(tx -> Inbox.firstDelivery(tx, ORDER_EVENTS, messageId).chain(first -> {
            if (!first) return Uni.createFrom().voidItem();
            Saga.Start start = Saga.start(OrderFulfilmentSaga.DEFINITION, sagaIdOf(order.orderId()), order, policy(),
                    clock.instant(), ids);
            return SagaRepository.insert(tx, start.saga()).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                    : CommandOutbox.send(tx, store, start.saga(), start.commands(), metadata(start.saga(), correlationId, traceparent))
                            .invoke(() -> metrics.started()));
        }));
    }

    /** A participant's reply ({@code messageId} its message, for the inbox) to a command of saga {@code sagaId}. */
    public Uni<Void> reply(UUID messageId, UUID sagaId, Reply reply, String traceparent) {
        return pool.withTransaction(tx -> Inbox.firstDelivery(tx, REPLIES, messageId).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : change(tx, sagaId, (saga, now) -> saga.on(reply, now, ids), traceparent)
                        .replaceWithVoid()));
    }

    /** Fires the deadlines that passed, a batch at a time; several orchestrators share them (SKIP LOCKED). */
    public Uni<Integer> fireDeadlines(int batch) {
        return pool.withTransaction(tx -> SagaRepository.due(tx, clock.instant(), batch).chain(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID sagaId : due) {
                chain = chain.chain(() -> change(tx, sagaId, (saga, now) -> {
                    List<StepCommand> commands = saga.onDeadline(now, ids);
                    if (!commands.isEmpty()) metrics.stepRetried();
                    return commands;
                }, null).replaceWithVoid());
            }
            return chain.replaceWith(due.size());
        }));
    }

    // Operators' actions: each in its own transaction, like any other change of the saga.

    public Uni<Optional<Saga>> retry(UUID sagaId) {
        return act(sagaId, (saga, now) -> saga.retry(now, ids));
    }

    public Uni<Optional<Saga>> skip(UUID sagaId) {
        return act(sagaId, (saga, now) -> saga.skip(now, ids));
    }

    public Uni<Optional<Saga>> compensate(UUID sagaId, String why) {
        return act(sagaId, (saga, now) -> saga.compensate(now, why, ids));
    }

    public Uni<Optional<Saga>> cancel(UUID sagaId, String why) {
        return act(sagaId, (saga, now) -> {
            saga.cancel(now, why);
            return List.of();
        });
    }

    private Uni<Optional<Saga>> act(UUID sagaId,
            BiFunction<Saga, java.time.Instant, List<StepCommand>> action) {
        return pool.withTransaction(tx -> change(tx, sagaId, action, null));
    }

    private Uni<Optional<Saga>> change(SqlConnection tx, UUID sagaId,
            BiFunction<Saga, java.time.Instant, List<StepCommand>> decide, String traceparent) {
        return SagaRepository.lock(tx, sagaId, OrderFulfilmentSaga.DEFINITION, policy()).chain(found -> {
            if (found.isEmpty()) return Uni.createFrom().item(found);
            Saga saga = found.get();
            var before = saga.status();
            List<StepCommand> commands = decide.apply(saga, clock.instant());
            return SagaRepository.save(tx, saga)
                    .chain(() -> CommandOutbox.send(tx, store, saga, commands, metadata(saga, null, traceparent)))
                    .invoke(() -> { if (before != saga.status()) metrics.reached(saga); })
                    .replaceWith(found);
        });
    }

    private SagaPolicy policy() {
        return new SagaPolicy(config.stepTimeout(), config.maxStepTimeout(), config.forwardAttempts(),
                config.compensationAttempts());
    }

    /**
     * A command carries the trace of what caused it (the OrderPlaced, a reply, an operator's request), so the
     * order's whole flow is one trace. A deadline's retry has no cause to carry and starts none.
     */
    private static EventMetadata metadata(Saga saga, UUID correlationId, String traceparent) {
        return new EventMetadata(saga.order().tenantId(), correlationId == null ? saga.sagaId() : correlationId,
                saga.sagaId(), "saga-orchestrator", Traceparent.current(traceparent));
    }
}

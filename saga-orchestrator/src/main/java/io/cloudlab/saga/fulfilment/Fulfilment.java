package io.cloudlab.saga.fulfilment;

import io.cloudlab.support.observability.Traceparent;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.saga.fulfilment.domain.OrderFulfilmentSaga;
import io.cloudlab.saga.fulfilment.domain.Saga;
import io.cloudlab.saga.fulfilment.domain.SagaEvent;
import io.cloudlab.saga.fulfilment.domain.SagaInput;
import io.cloudlab.saga.fulfilment.domain.SagaDefinition;
import io.cloudlab.saga.fulfilment.domain.SagaOrder;
import io.cloudlab.saga.fulfilment.domain.SagaRequest;
import io.cloudlab.saga.fulfilment.domain.SagaState;
import io.cloudlab.saga.fulfilment.domain.SagaOrder;
import io.cloudlab.saga.fulfilment.domain.StepCommand;
import io.cloudlab.saga.fulfilment.domain.SagaPolicy;
import io.cloudlab.saga.fulfilment.domain.Reply;
import io.cloudlab.saga.fulfilment.store.CommandOutbox;
import io.cloudlab.saga.fulfilment.store.SagaRepository;
import io.cloudlab.support.tenant.TenantTransactions;
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
import java.util.function.Function;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs sagas (fulfilment, and the cancellations and refunds of paid orders): every change (a start, a reply, a deadline, an operator's action) is one transaction that
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

    /**
     * Starts a saga that undoes a paid order in whole or part (its cancellation, a refund), asked for by the
     * order's event {@code messageId}. While the order's fulfilment saga is still running (capturing the money,
     * selling the units) the new saga waits, begun only when fulfilment ends (see {@link #change}), so that it
     * never refunds a capture still to come. The fulfilment saga's row is locked meanwhile: its end and this
     * start take turns, and neither misses the other.
     */
    public Uni<Void> follow(SqlConnection tx, UUID messageId, SagaDefinition definition, UUID sagaId, SagaOrder order,
            SagaRequest request, UUID paymentId, UUID correlationId, String traceparent) {
        return TenantTransactions.enter(tx, order.tenantId()).chain(() -> Inbox.firstDelivery(tx, ORDER_EVENTS, messageId)).chain(first -> {
            if (!first) return Uni.createFrom().voidItem();
            UUID fulfilmentId = sagaIdOf(order.orderId());
            return SagaRepository.lock(tx, fulfilmentId, policy()).chain(fulfilment -> {
                Saga saga = Saga.of(definition, sagaId, order, request, paymentId, policy());
                boolean waits = fulfilment.isPresent() && !fulfilment.get().saga().status().terminal();
                List<SagaEvent> started = waits ? List.of() : saga.decide(new SagaInput.Start(clock.instant(), ids), saga.initial());
                SagaState state = saga.fold(started);
                return SagaRepository.insert(tx, state, started).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                        : (waits ? SagaRepository.awaited(tx, fulfilmentId) : Uni.createFrom().voidItem())
                                .chain(() -> CommandOutbox.send(tx, store, state, Saga.commands(started),
                                        metadata(state, correlationId, traceparent)))
                                .invoke(() -> metrics.started()));
            });
        });
    }

    /** Starts the saga of a placed order; its commands carry the order's trace ({@code traceparent}, may be null). */
    public Uni<Void> start(UUID messageId, SagaOrder order, UUID correlationId, String traceparent) {
        return pool.withTransaction(tx -> start(tx, messageId, order, correlationId, traceparent));
    }

    /** {@link #start} within {@code tx}: a poll's OrderPlaced events start their sagas in one transaction. */
    public Uni<Void> start(SqlConnection tx, UUID messageId, SagaOrder order, UUID correlationId,
            String traceparent) {
        return TenantTransactions.enter(tx, order.tenantId()).chain(() -> Inbox.firstDelivery(tx, ORDER_EVENTS, messageId)).chain(first -> {
            if (!first) return Uni.createFrom().voidItem();
            Saga saga = Saga.of(OrderFulfilmentSaga.DEFINITION, sagaIdOf(order.orderId()), order, policy());
            List<SagaEvent> started = saga.decide(new SagaInput.Start(clock.instant(), ids), saga.initial());
            SagaState state = saga.fold(started);
            return SagaRepository.insert(tx, state, started).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                    : CommandOutbox.send(tx, store, state, Saga.commands(started), metadata(state, correlationId, traceparent))
                            .invoke(() -> metrics.started()));
        });
    }

    /**
     * A participant's reply ({@code messageId} its message, for the inbox) to a command of saga {@code sagaId}
     * of {@code tenantId}: a reply that names another tenant's saga finds none.
     */
    public Uni<Void> reply(UUID messageId, UUID tenantId, UUID sagaId, Reply reply, String traceparent) {
        return pool.withTransaction(tx -> reply(tx, messageId, tenantId, sagaId, reply, traceparent));
    }

    /** {@link #reply} within {@code tx}: a poll's replies move their sagas in one transaction. */
    public Uni<Void> reply(SqlConnection tx, UUID messageId, UUID tenantId, UUID sagaId, Reply reply, String traceparent) {
        return TenantTransactions.enter(tx, tenantId).chain(() -> Inbox.firstDelivery(tx, REPLIES, messageId)).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : change(tx, sagaId, now -> new SagaInput.ReplyArrived(reply, now, ids), traceparent)
                        .replaceWithVoid());
    }

    /** Work of several messages in one transaction, one after another. */
    public Uni<Void> inOneTransaction(List<Function<SqlConnection, Uni<Void>>> work) {
        return pool.withTransaction(tx -> {
            Uni<Void> each = Uni.createFrom().voidItem();
            for (Function<SqlConnection, Uni<Void>> w : work) each = each.chain(() -> w.apply(tx));
            return each;
        });
    }

    /** Fires the deadlines that passed, a batch at a time; several orchestrators share them (SKIP LOCKED). */
    public Uni<Integer> fireDeadlines(int batch) {
        return pool.withTransaction(tx -> SagaRepository.due(tx, clock.instant(), batch).chain(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SagaRepository.Due saga : due) {
                chain = chain.chain(() -> TenantTransactions.enter(tx, saga.tenantId()))
                        .chain(() -> change(tx, saga.sagaId(), now -> new SagaInput.DeadlinePassed(now, ids), null)
                        .invoke(found -> found.ifPresent(change -> { if (change.retried()) metrics.stepRetried(); }))
                        .replaceWithVoid());
            }
            return chain.replaceWith(due.size());
        }));
    }

    // Operators' actions: each in its own transaction, like any other change of the saga, within the tenant
    // the caller acts for (a saga of another tenant is not found).

    public Uni<Optional<Change>> retry(UUID tenantId, UUID sagaId) {
        return act(tenantId, sagaId, now -> new SagaInput.RetryStep(now, ids));
    }

    public Uni<Optional<Change>> skip(UUID tenantId, UUID sagaId) {
        return act(tenantId, sagaId, now -> new SagaInput.SkipStep(now, ids));
    }

    public Uni<Optional<Change>> compensate(UUID tenantId, UUID sagaId, String why) {
        return act(tenantId, sagaId, now -> new SagaInput.Compensate(now, why, ids));
    }

    public Uni<Optional<Change>> cancel(UUID tenantId, UUID sagaId, String why) {
        return act(tenantId, sagaId, now -> new SagaInput.Cancel(now, why));
    }

    /** The tenant of any saga: a platform operator names a saga by id alone. */
    public Uni<Optional<UUID>> tenantOf(UUID sagaId) {
        return SagaRepository.tenantOf(pool, sagaId);
    }

    /** A saga's state after an input, and the commands the input sent. */
    public record Change(SagaState state, List<StepCommand> commands) {
        boolean retried() {
            return !commands.isEmpty();
        }
    }

    private Uni<Optional<Change>> act(UUID tenantId, UUID sagaId, Function<Instant, SagaInput> input) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> change(tx, sagaId, input, null));
    }

    private Uni<Optional<Change>> change(SqlConnection tx, UUID sagaId, Function<Instant, SagaInput> input,
            String traceparent) {
        return SagaRepository.lock(tx, sagaId, policy()).chain(found -> {
            if (found.isEmpty()) return Uni.createFrom().item(Optional.<Change>empty());
            SagaState before = found.get().saga();
            Saga saga = Saga.of(before);
            List<SagaEvent> events = saga.decide(input.apply(clock.instant()), before);
            SagaState after = saga.fold(before, events);
            List<StepCommand> commands = Saga.commands(events);
            // Only a fulfilment that others wait for looks for them when it ends.
            boolean awaitedEnd = found.get().awaitedBy() > 0 && !before.status().terminal() && after.status().terminal();
            return SagaRepository.save(tx, after, events)
                    .chain(() -> CommandOutbox.send(tx, store, after, commands, metadata(after, null, traceparent)))
                    .invoke(() -> { if (before.status() != after.status()) metrics.reached(after); })
                    .chain(() -> awaitedEnd ? beginWaiting(tx, after.order().orderId(), traceparent) : Uni.createFrom().voidItem())
                    .replaceWith(Optional.of(new Change(after, commands)));
        });
    }

    /** The order's fulfilment ended: the sagas that waited for it begin, in the order they were asked for. */
    private Uni<Void> beginWaiting(SqlConnection tx, UUID orderId, String traceparent) {
        return SagaRepository.waiting(tx, orderId).chain(waiting -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID saga : waiting) {
                chain = chain.chain(() -> change(tx, saga, now -> new SagaInput.Start(now, ids), traceparent).replaceWithVoid());
            }
            return chain;
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
    private static EventMetadata metadata(SagaState saga, UUID correlationId, String traceparent) {
        return new EventMetadata(saga.order().tenantId(), correlationId == null ? saga.sagaId() : correlationId,
                saga.sagaId(), "saga-orchestrator", Traceparent.current(traceparent));
    }
}

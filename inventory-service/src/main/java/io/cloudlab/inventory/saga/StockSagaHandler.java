package io.cloudlab.inventory.saga;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.inventory.reservation.domain.LineRefusal;
import io.cloudlab.inventory.reservation.domain.Reservation;
import io.cloudlab.inventory.reservation.domain.Reservation.Transition;
import io.cloudlab.inventory.reservation.domain.ReservationClosed;
import io.cloudlab.inventory.reservation.domain.ReservationStatus;
import io.cloudlab.inventory.reservation.store.ReservationRepository;
import io.cloudlab.inventory.saga.StockSagaReply.CommitFailure;
import io.cloudlab.inventory.saga.StockSagaReply.StockCommitFailed;
import io.cloudlab.inventory.saga.StockSagaReply.StockCommitted;
import io.cloudlab.inventory.saga.StockSagaReply.StockReleased;
import io.cloudlab.inventory.saga.StockSagaReply.StockReservationRejected;
import io.cloudlab.inventory.saga.StockSagaReply.StockReserved;
import io.cloudlab.support.saga.SagaCommand;
import io.cloudlab.support.saga.SagaReplies;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Carries out a saga command exactly once: in one transaction of the command's tenant, the inbox row, the
 * effect (reservation rows, product rows and events) and the reply commit together. A redelivered command
 * finds its inbox row and changes nothing; a business refusal is a reply, not an error (no effect).
 */
@ApplicationScoped
public class StockSagaHandler {

    /** The inbox's consumer name, also the Kafka consumer group. */
    public static final String CONSUMER = "inventory.saga-commands";

    private static final Logger LOG = Logger.getLogger(StockSagaHandler.class);

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    ReservationRepository reservations;

    /** The reply appended, or null when the command had been handled before (a redelivery). */
    public Uni<StockSagaReply> handle(SagaCommand envelope, StockSagaCommand command) {
        return TenantTransactions.inTenant(pool, envelope.tenantId(), tx ->
                Inbox.firstDelivery(tx, CONSUMER, envelope.commandId()).chain(first -> {
                    if (!first) return Uni.createFrom().<StockSagaReply>nullItem();
                    return decide(tx, envelope, command).call(reply ->
                            SagaReplies.append(tx, store, envelope, reply.type(), StockSagaCodec.data(reply)));
                }));
    }

    private Uni<StockSagaReply> decide(SqlConnection tx, SagaCommand envelope, StockSagaCommand command) {
        if (command instanceof StockSagaCommand.ReserveStock reserve) return reserve(tx, envelope, reserve);
        if (command instanceof StockSagaCommand.ReleaseStock) return release(tx, envelope);
        return commit(tx, envelope);
    }

    /**
     * A new attempt of the step (another command id) finds the order served and answers it again instead of
     * holding the units twice; a hold that was given back, or ran out, is replaced by a new one.
     */
    private Uni<StockSagaReply> reserve(SqlConnection tx, SagaCommand envelope, StockSagaCommand.ReserveStock command) {
        Instant now = Instant.now();
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing != null && existing.serves(now)) return Uni.createFrom().item(reserved(existing));
            return givenBack(tx, envelope, existing, now)
                    .chain(replacing -> reservations.reserveWithin(tx, envelope.metadata(), envelope.orderId(),
                            command.lines(), envelope::eventId, replacing))
                    .map(StockSagaHandler::reserved)
                    .onFailure(LineRefusal.Refused.class).recoverWithItem(e -> {
                        LineRefusal refusal = ((LineRefusal.Refused) e).refusal();
                        return new StockReservationRejected(refusal.reason(), refusal.productId());
                    });
        });
    }

    /** An active hold past its time is expired here (the job may not have got to it yet) before it is replaced. */
    private Uni<Reservation> givenBack(SqlConnection tx, SagaCommand envelope, Reservation existing, Instant now) {
        if (existing == null) return Uni.createFrom().nullItem();
        if (existing.expire(now) instanceof Transition.Move move) {
            // Ids after the new lines' (at most MAX_LINES): a redelivery never gets here, but ids stay distinct.
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(),
                    i -> envelope.eventId(StockSagaCodec.MAX_LINES + i));
        }
        return Uni.createFrom().item(existing);
    }

    private Uni<StockSagaReply> release(SqlConnection tx, SagaCommand envelope) {
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing == null) return Uni.createFrom().item(new StockReleased(false));
            Transition transition;
            try {
                transition = existing.release();
            } catch (ReservationClosed sold) {
                // The contract has no failed release: the units stay sold, and nothing was released.
                LOG.warnf("saga %s asked to release the stock of order %s, which is committed", envelope.sagaId(),
                        envelope.orderId());
                return Uni.createFrom().item(new StockReleased(false));
            }
            if (!(transition instanceof Transition.Move move)) return Uni.createFrom().item(new StockReleased(false));
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(), envelope::eventId)
                    .replaceWith(new StockReleased(true));
        });
    }

    private Uni<StockSagaReply> commit(SqlConnection tx, SagaCommand envelope) {
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing == null) return Uni.createFrom().item(new StockCommitFailed(CommitFailure.NO_ACTIVE_RESERVATION));
            Transition transition;
            try {
                transition = existing.commit(Instant.now());
            } catch (ReservationClosed closed) {
                return Uni.createFrom().item(new StockCommitFailed(closed.status() == ReservationStatus.RELEASED
                        ? CommitFailure.RELEASED : CommitFailure.EXPIRED));
            }
            if (!(transition instanceof Transition.Move move)) return Uni.createFrom().item(new StockCommitted());
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(), envelope::eventId)
                    .replaceWith(new StockCommitted());
        });
    }

    private static StockSagaReply reserved(Reservation reservation) {
        return new StockReserved(reservation.lines(), reservation.expiresAt());
    }
}

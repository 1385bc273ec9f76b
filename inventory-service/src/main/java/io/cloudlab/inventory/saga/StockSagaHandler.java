package io.cloudlab.inventory.saga;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.inventory.CommitStock;
import io.cloudlab.contracts.inventory.Inventory;
import io.cloudlab.contracts.inventory.InventoryCommand;
import io.cloudlab.contracts.inventory.InventoryReply;
import io.cloudlab.contracts.inventory.InventoryReply.StockCommitFailed;
import io.cloudlab.contracts.inventory.InventoryReply.StockCommitted;
import io.cloudlab.contracts.inventory.InventoryReply.StockReleased;
import io.cloudlab.contracts.inventory.InventoryReply.StockReservationRejected;
import io.cloudlab.contracts.inventory.InventoryReply.StockReserved;
import io.cloudlab.contracts.inventory.ReleaseStock;
import io.cloudlab.contracts.inventory.ReserveStock;
import io.cloudlab.contracts.inventory.ReturnStock;
import io.cloudlab.contracts.inventory.InventoryReply.StockReturned;
import io.cloudlab.contracts.inventory.StockLine;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.reservation.domain.LineRefusal;
import io.cloudlab.inventory.reservation.domain.Reservation;
import io.cloudlab.inventory.reservation.domain.Reservation.Transition;
import io.cloudlab.inventory.reservation.domain.ReservationClosed;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import io.cloudlab.inventory.reservation.domain.ReservationStatus;
import io.cloudlab.inventory.reservation.store.ReservationRepository;
import io.cloudlab.support.saga.Received;
import io.cloudlab.support.saga.SagaParticipant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The inventory's part in sagas: ReserveStock, ReleaseStock, CommitStock and ReturnStock, carried out in the transaction
 * the participant edge opens (with the inbox row and the reply), so the effect (reservation rows, product
 * rows and events) happens once. A business refusal is a reply, not an error.
 */
@ApplicationScoped
public class StockSagaHandler implements SagaParticipant<InventoryCommand, Void> {

    private static final Logger LOG = Logger.getLogger(StockSagaHandler.class);

    @Inject
    ReservationRepository reservations;

    @Override
    public Participant<InventoryCommand, ?> contract() {
        return Inventory.PARTICIPANT;
    }

    @Override
    public String consumerName() {
        return "inventory.saga-commands";
    }

    @Override
    public Uni<InventoryReply> handle(SqlConnection tx, Received<InventoryCommand> envelope, Void nothing) {
        InventoryCommand command = envelope.command();
        if (command instanceof ReserveStock reserve) return reserve(tx, envelope, lines(reserve));
        if (command instanceof ReleaseStock) return release(tx, envelope);
        if (command instanceof CommitStock) return commit(tx, envelope);
        if (command instanceof ReturnStock) return giveBack(tx, envelope);
        throw new IllegalArgumentException("not handled: " + command);
    }

    /**
     * The lines as the inventory takes them: the contract has checked their shape; a product twice or more units
     * than a product can hold break the inventory's rules, which the sender should have kept (the message is
     * parked).
     */
    static List<ReservationLine> lines(ReserveStock command) {
        List<ReservationLine> lines = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < command.lines().size(); i++) {
            StockLine line = command.lines().get(i);
            if (line.quantity() > Product.MAX_QUANTITY) {
                throw new IllegalArgumentException("lines[" + i + "] quantity must be at most " + Product.MAX_QUANTITY);
            }
            if (!seen.add(line.productId())) throw new IllegalArgumentException("lines[" + i + "] repeats the product of an earlier line");
            lines.add(new ReservationLine(line.productId(), line.quantity()));
        }
        return lines;
    }

    /**
     * A new attempt of the step (another command id) finds the order served and answers it again instead of
     * holding the units twice; a hold that was given back, or ran out, is replaced by a new one.
     */
    private Uni<InventoryReply> reserve(SqlConnection tx, Received<InventoryCommand> envelope, List<ReservationLine> lines) {
        Instant now = Instant.now();
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing != null && existing.serves(now)) return Uni.createFrom().item(reserved(existing));
            return givenBack(tx, envelope, existing, now)
                    .chain(replacing -> reservations.reserveWithin(tx, envelope.metadata(), envelope.orderId(),
                            lines, envelope::eventId, replacing))
                    .map(StockSagaHandler::reserved)
                    .onFailure(LineRefusal.Refused.class).recoverWithItem(e -> {
                        LineRefusal refusal = ((LineRefusal.Refused) e).refusal();
                        return new StockReservationRejected(refusal.reason().toString(), refusal.productId());
                    });
        });
    }

    /** An active hold past its time is expired here (the job may not have got to it yet) before it is replaced. */
    private Uni<Reservation> givenBack(SqlConnection tx, Received<InventoryCommand> envelope, Reservation existing, Instant now) {
        if (existing == null) return Uni.createFrom().nullItem();
        if (existing.expire(now) instanceof Transition.Move move) {
            // Ids after the new lines' (at most MAX_LINES): a redelivery never gets here, but ids stay distinct.
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(),
                    i -> envelope.eventId(ReserveStock.MAX_LINES + i));
        }
        return Uni.createFrom().item(existing);
    }

    private Uni<InventoryReply> release(SqlConnection tx, Received<InventoryCommand> envelope) {
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

    private Uni<InventoryReply> commit(SqlConnection tx, Received<InventoryCommand> envelope) {
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing == null) return Uni.createFrom().item(new StockCommitFailed("no_active_reservation"));
            Transition transition;
            try {
                transition = existing.commit(Instant.now());
            } catch (ReservationClosed closed) {
                // Returned units were given back on request too.
                return Uni.createFrom().item(new StockCommitFailed(closed.status() == ReservationStatus.EXPIRED
                        ? "expired" : "released"));
            }
            if (!(transition instanceof Transition.Move move)) return Uni.createFrom().item(new StockCommitted());
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(), envelope::eventId)
                    .replaceWith(new StockCommitted());
        });
    }

    /** A held order's units are released, a sold order's returned; a second attempt finds them back already. */
    private Uni<InventoryReply> giveBack(SqlConnection tx, Received<InventoryCommand> envelope) {
        return reservations.lockReservation(tx, envelope.orderId()).chain(existing -> {
            if (existing == null || !(existing.giveBack() instanceof Transition.Move move)) {
                return Uni.createFrom().item(new StockReturned(false));
            }
            return reservations.moveWithin(tx, existing, move.to(), envelope.metadata(), envelope::eventId)
                    .replaceWith(new StockReturned(true));
        });
    }

    private static InventoryReply reserved(Reservation reservation) {
        return new StockReserved(reservation.lines().stream().map(l -> new StockLine(l.productId(), l.quantity())).toList(),
                reservation.expiresAt());
    }
}

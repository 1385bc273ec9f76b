package io.cloudlab.inventory.reservation.store;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.inventory.product.domain.ProductCommand;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.domain.ReleaseReason;
import io.cloudlab.inventory.product.store.ProductRepository;
import io.cloudlab.inventory.product.store.ProductRows;
import io.cloudlab.inventory.reservation.domain.LineRefusal;
import io.cloudlab.inventory.reservation.domain.Reservation;
import io.cloudlab.inventory.reservation.domain.Reservation.Transition;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import io.cloudlab.inventory.reservation.domain.ReservationStatus;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reservations of an order's lines. One transaction per request: every product involved is locked (in id
 * order), each line moves its product's stock through the Product aggregate (rows + events, appended within
 * the transaction), and the reservation rows change with them. Any line that cannot be served rolls the
 * whole transaction back, so an order holds all its lines or none.
 */
@ApplicationScoped
public class ReservationRepository {

    private static final String COLUMNS = "order_id, product_id, line_number, quantity, status, expires_at";

    @Inject
    Pool pool;

    @Inject
    ProductRepository products;

    @ConfigProperty(name = "cloudlab.inventory.reservation-ttl", defaultValue = "PT15M")
    Duration ttl;

    public Uni<Reservation> find(UUID tenantId, UUID orderId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> select(tx, orderId, "ORDER BY line_number"));
    }

    /** @param eventIds the id of the event of line i (from the Idempotency-Key: a retry finds them stored) */
    public Uni<Reservation> reserve(EventMetadata metadata, UUID orderId, List<ReservationLine> lines,
            IntFunction<UUID> eventIds) {
        return TenantTransactions.inTenant(pool, metadata.tenantId(), tx -> lockOrder(tx, orderId)
                        .chain(() -> reserveWithin(tx, metadata, orderId, lines, eventIds, null)))
                .onFailure(LineRefusal.Refused.class).transform(e -> problem(((LineRefusal.Refused) e).refusal()))
                .onFailure(ProductRepository.AlreadyApplied.class)
                .recoverWithUni(() -> find(metadata.tenantId(), orderId));
    }

    /**
     * The order's reservation, its rows locked, and the order itself locked for the rest of {@code tx}
     * (see {@link #lockOrder}); null when the order has none.
     */
    public Uni<Reservation> lockReservation(SqlConnection tx, UUID orderId) {
        return lockOrder(tx, orderId).chain(() -> select(tx, orderId, "ORDER BY line_number FOR UPDATE"));
    }

    /**
     * Reserves every line inside {@code tx} (the caller holds the order's lock), or none: the lines are all
     * decided on the locked products before any is applied, so a refusal fails with
     * {@link LineRefusal.Refused} having written nothing, and the caller may still commit {@code tx}.
     *
     * @param replacing the order's reservation, given back, that this one replaces (null when there is none):
     *                  its rows go only once the new lines are sure to be held, so a refusal leaves them
     */
    public Uni<Reservation> reserveWithin(SqlConnection tx, EventMetadata metadata, UUID orderId,
            List<ReservationLine> lines, IntFunction<UUID> eventIds, Reservation replacing) {
        // Microseconds: what timestamptz keeps, so the event, the row and the answer agree.
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.MICROS);
        List<UUID> productIds = lines.stream().map(ReservationLine::productId).toList();
        return ProductRows.lockAll(tx, productIds).chain(locked -> {
            Optional<LineRefusal> refusal = LineRefusal.firstOf(orderId, lines, locked, expiresAt);
            if (refusal.isPresent()) return Uni.createFrom().failure(refusal.get().refused());
            return forgetGivenBack(tx, replacing)
                    .chain(() -> reserveLines(tx, locked, orderId, lines, expiresAt, eventIds, metadata))
                    .chain(() -> insert(tx, metadata.tenantId(), orderId, lines, expiresAt))
                    .chain(() -> select(tx, orderId, "ORDER BY line_number"));
        });
    }

    /**
     * Drops the rows of a reservation that was given back, so the order can hold stock again (a saga that
     * tries again after its hold expired, or a new saga for the order); the product
     * streams keep its whole history (StockReserved, StockReleased).
     */
    private static Uni<Void> forgetGivenBack(SqlConnection tx, Reservation reservation) {
        if (reservation == null) return Uni.createFrom().voidItem();
        if (!reservation.status().givenBack()) {
            return Uni.createFrom().failure(new IllegalStateException("reservation of order "
                    + reservation.orderId() + " is " + reservation.status() + ", not given back"));
        }
        return tx.preparedQuery("DELETE FROM inventory.reservations WHERE order_id = $1")
                .execute(Tuple.of(reservation.orderId())).replaceWithVoid();
    }

    public Uni<Reservation> release(EventMetadata metadata, UUID orderId) {
        return transition(metadata, orderId, false, Reservation::release);
    }

    public Uni<Reservation> commit(EventMetadata metadata, UUID orderId) {
        Instant now = Instant.now();
        return transition(metadata, orderId, false, reservation -> reservation.commit(now));
    }

    /**
     * Gives back the order's due lines unless another instance holds them right now (SKIP LOCKED): that
     * instance is expiring them, or a commit or release is deciding them; either way not ours to touch.
     * Answers null when nothing was due and free.
     */
    public Uni<Reservation> expire(EventMetadata metadata, UUID orderId) {
        // The clock is read after the due rows were selected (by the database's clock), never before.
        return transition(metadata, orderId, true, reservation -> reservation.expire(Instant.now()));
    }

    private Uni<Reservation> transition(EventMetadata metadata, UUID orderId, boolean dueOnly,
            Function<Reservation, Transition> decide) {
        String lock = dueOnly
                ? "AND status = 'active' AND expires_at <= now() ORDER BY line_number FOR UPDATE SKIP LOCKED"
                : "ORDER BY line_number FOR UPDATE";
        return TenantTransactions.inTenant(pool, metadata.tenantId(), tx -> select(tx, orderId, lock)
                .chain(reservation -> {
                    if (reservation == null) {
                        return dueOnly ? Uni.createFrom().nullItem()
                                : Uni.createFrom().failure(ProblemException.notFound("reservation of order " + orderId));
                    }
                    Transition transition = decide.apply(reservation);
                    if (!(transition instanceof Transition.Move move)) {
                        return dueOnly ? Uni.createFrom().nullItem() : Uni.createFrom().item(reservation);
                    }
                    return moveWithin(tx, reservation, move.to(), metadata, n -> UUID.randomUUID());
                }));
    }

    /**
     * Moves the (locked) reservation to {@code to} inside {@code tx}: each line's units go back to the stock
     * (released, expired, returned) or leave it (committed). Answers the reservation as it now is.
     *
     * @param eventIds the id of the event of line i
     */
    public Uni<Reservation> moveWithin(SqlConnection tx, Reservation reservation, ReservationStatus to,
            EventMetadata metadata, IntFunction<UUID> eventIds) {
        return move(tx, reservation, to, metadata, eventIds).replaceWith(reservation.withStatus(to));
    }

    private Uni<Void> reserveLines(SqlConnection tx, Map<UUID, ProductState> locked, UUID orderId,
            List<ReservationLine> lines, Instant expiresAt, IntFunction<UUID> eventIds, EventMetadata metadata) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < lines.size(); i++) {
            int index = i;
            ReservationLine line = lines.get(i);
            chain = chain.chain(() -> products.apply(tx, locked.get(line.productId()),
                            new ProductCommand.ReserveStock(orderId, line.quantity(), expiresAt),
                            n -> eventIds.apply(index), metadata)
                    .replaceWithVoid());
        }
        return chain;
    }

    /** The REST answer to a refused line; {@code field} names the line. */
    private static ProblemException problem(LineRefusal refusal) {
        String field = field(refusal.line());
        return switch (refusal.reason()) {
            case INSUFFICIENT_STOCK -> new ProblemException(
                    Problem.of(409, "insufficient-stock", "Conflict", refusal.detail()).field(field));
            case UNKNOWN_PRODUCT -> ProblemException.unprocessable("unknown-product", field, refusal.detail());
            case PRODUCT_RETIRED -> ProblemException.unprocessable("product-retired", field, refusal.detail());
        };
    }

    /** Each line's units go back to the stock (released, expired) or leave it (committed). */
    private Uni<Void> move(SqlConnection tx, Reservation reservation, ReservationStatus to, EventMetadata metadata,
            IntFunction<UUID> eventIds) {
        List<UUID> productIds = reservation.lines().stream().map(ReservationLine::productId).toList();
        return ProductRows.lockAll(tx, productIds).chain(locked -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < reservation.lines().size(); i++) {
                int index = i;
                ReservationLine line = reservation.lines().get(i);
                ProductCommand command = switch (to) {
                    case COMMITTED -> new ProductCommand.CommitStock(reservation.orderId(), line.quantity());
                    case RELEASED -> new ProductCommand.ReleaseStock(reservation.orderId(), line.quantity(), ReleaseReason.RELEASED);
                    case EXPIRED -> new ProductCommand.ReleaseStock(reservation.orderId(), line.quantity(), ReleaseReason.EXPIRED);
                    case RETURNED -> new ProductCommand.ReturnStock(reservation.orderId(), line.quantity());
                    case ACTIVE -> throw new IllegalArgumentException("a reservation never moves back to active");
                };
                chain = chain.chain(() -> products.apply(tx, locked.get(line.productId()), command,
                        n -> eventIds.apply(index), metadata).replaceWithVoid());
            }
            return chain;
        }).chain(() -> tx.preparedQuery("UPDATE inventory.reservations SET status = $2, updated_at = now()"
                        + " WHERE order_id = $1 AND product_id = ANY($3)")
                .execute(Tuple.of(reservation.orderId(), to.toString(), productIds.toArray(UUID[]::new)))
                .replaceWithVoid());
    }

    /**
     * Two requests for one order with different keys (and different products) would otherwise both find no
     * reservation and both insert: the order's reservations are decided one request at a time.
     */
    private static Uni<Void> lockOrder(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) locked")
                .execute(Tuple.of("inventory.reservation:" + orderId)).replaceWithVoid();
    }

    private Uni<Void> insert(SqlConnection tx, UUID tenantId, UUID orderId, List<ReservationLine> lines, Instant expiresAt) {
        List<Tuple> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            rows.add(Tuple.tuple().addUUID(orderId).addUUID(lines.get(i).productId()).addUUID(tenantId).addInteger(i)
                    .addInteger(lines.get(i).quantity()).addOffsetDateTime(expiresAt.atOffset(java.time.ZoneOffset.UTC)));
        }
        // The first request for an order wins; another one (another Idempotency-Key) must not add to its hold.
        return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM inventory.reservations WHERE order_id = $1) AS taken")
                .execute(Tuple.of(orderId))
                .chain(found -> found.iterator().next().getBoolean("taken")
                        ? Uni.createFrom().failure(ProblemException.conflict("reservation-exists",
                                "order " + orderId + " already has a reservation; release it first"))
                        : tx.preparedQuery("INSERT INTO inventory.reservations (order_id, product_id, tenant_id, line_number,"
                                + " quantity, expires_at) VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(rows)
                                .replaceWithVoid());
    }

    private static Uni<Reservation> select(SqlConnection tx, UUID orderId, String tail) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM inventory.reservations WHERE order_id = $1 " + tail)
                .execute(Tuple.of(orderId)).map(ReservationRepository::reservation);
    }

    private static Reservation reservation(RowSet<Row> rows) {
        if (rows.size() == 0) return null;
        List<ReservationLine> lines = new ArrayList<>(rows.size());
        ReservationStatus status = null;
        Instant expiresAt = null;
        UUID orderId = null;
        for (Row row : rows) {
            orderId = row.getUUID("order_id");
            // All lines share a status except while two instances split an expiry: the first line speaks.
            if (status == null) status = ReservationStatus.parse(row.getString("status"));
            if (expiresAt == null) expiresAt = row.getOffsetDateTime("expires_at").toInstant();
            lines.add(new ReservationLine(row.getUUID("product_id"), row.getInteger("quantity")));
        }
        return new Reservation(orderId, status, expiresAt, lines);
    }

    private static String field(int index) {
        return "lines[" + index + "].product_id";
    }
}

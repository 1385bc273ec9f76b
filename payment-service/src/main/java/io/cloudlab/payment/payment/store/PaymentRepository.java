package io.cloudlab.payment.payment.store;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.domain.AuthorizationTerms;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Loads payments as the fold of their event streams and saves the events a command caused together with the
 * payments row in one transaction (the events table is the outbox: the relay publishes them after commit).
 */
@ApplicationScoped
public class PaymentRepository {

    private static final String COLUMNS = "payment_id, order_id, customer_id, status, amount, currency,"
            + " captured_amount, refunded_amount, payment_method::text AS payment_method, payment_method_id,"
            + " card_brand, card_last_four, gateway_reference, decline_reason, version, created_at, updated_at";

    private static final String UPSERT = "INSERT INTO payments.payments (payment_id, tenant_id, order_id, customer_id,"
            + " amount, currency, status, captured_amount, refunded_amount, payment_method, payment_method_id,"
            + " card_brand, card_last_four, gateway_reference, decline_reason, version)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::payments.payment_method, $11, $12, $13, $14, $15, $16)"
            + " ON CONFLICT (payment_id) DO UPDATE SET amount = EXCLUDED.amount, status = EXCLUDED.status,"
            + " captured_amount = EXCLUDED.captured_amount, refunded_amount = EXCLUDED.refunded_amount,"
            + " payment_method_id = EXCLUDED.payment_method_id, card_brand = EXCLUDED.card_brand,"
            + " card_last_four = EXCLUDED.card_last_four, gateway_reference = EXCLUDED.gateway_reference,"
            + " decline_reason = EXCLUDED.decline_reason, version = EXCLUDED.version, updated_at = now()"
            + " WHERE payments.version < EXCLUDED.version"
            + " RETURNING " + COLUMNS;

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    /**
     * A payment as loaded: the state folded from its stream, the stream's version (the expected version of
     * the next append) and the recorded events (their ids tell a retry).
     */
    public record Loaded(UUID paymentId, int version, PaymentState state, List<RecordedEvent> recorded) {

        public boolean exists() {
            return version > 0;
        }
    }

    public Uni<Loaded> load(UUID tenantId, UUID paymentId) {
        return store.load(tenantId, PaymentEventCodec.AGGREGATE_TYPE, paymentId).map(stream -> {
            List<PaymentEvent> events = new ArrayList<>(stream.events().size());
            for (RecordedEvent e : stream.events()) events.add(PaymentEventCodec.decode(e));
            return new Loaded(paymentId, stream.version(), Payment.DECIDER.fold(events), stream.events());
        });
    }

    /**
     * Appends {@code events} at the payment's version and writes the resulting state to the payments row, in
     * one transaction. A lost race is the store's ConcurrencyConflict (409), and nothing is written.
     *
     * @param eventIds the id of the event at each stream version (0-based), e.g. from an Idempotency-Key
     */
    public Uni<PaymentView> save(Loaded before, List<PaymentEvent> events, IntFunction<UUID> eventIds,
            EventMetadata metadata) {
        return TenantTransactions.inTenant(pool, metadata.tenantId(),
                tx -> saveWithin(tx, before, events, i -> eventIds.apply(before.version() + i), metadata));
    }

    /**
     * The same within the caller's transaction (a tenant transaction), so that something else - a saga
     * command's inbox row and reply - commits or rolls back together with the payment's events and row.
     *
     * @param eventIds the id of the i-th event of {@code events}
     */
    public Uni<PaymentView> saveWithin(SqlConnection tx, Loaded before, List<PaymentEvent> events,
            IntFunction<UUID> eventIds, EventMetadata metadata) {
        List<NewEvent> encoded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) encoded.add(PaymentEventCodec.encode(events.get(i), eventIds.apply(i)));
        PaymentState after = Payment.DECIDER.fold(before.state(), events);
        int version = before.version() + events.size();
        return store.appendWithin(tx, PaymentEventCodec.AGGREGATE_TYPE, before.paymentId(), before.version(), encoded, metadata)
                .chain(appended -> upsert(tx, metadata.tenantId(), before.paymentId(), after, version))
                .chain(row -> row.isPresent() ? Uni.createFrom().item(row.get()) : select(tx, before.paymentId()));
    }

    public Uni<Optional<PaymentView>> find(UUID tenantId, UUID paymentId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT " + COLUMNS + " FROM payments.payments WHERE payment_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(paymentId))
                .map(rows -> rows.size() == 0 ? Optional.<PaymentView>empty() : Optional.of(view(rows.iterator().next()))));
    }

    public Uni<List<PaymentView>> findByOrder(UUID tenantId, UUID orderId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT " + COLUMNS + " FROM payments.payments WHERE order_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<PaymentView> views = new ArrayList<>();
                    for (Row row : rows) views.add(view(row));
                    return views;
                }));
    }

    /** Every payment of a customer, newest first (a data export). */
    public Uni<List<PaymentView>> findByCustomer(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT " + COLUMNS + " FROM payments.payments WHERE customer_id = $1 AND deleted_at IS NULL"
                        + " ORDER BY created_at DESC, payment_id")
                .execute(Tuple.of(customerId))
                .map(rows -> {
                    List<PaymentView> views = new ArrayList<>();
                    for (Row row : rows) views.add(view(row));
                    return views;
                }));
    }

    /**
     * Erasure: the card's last four digits leave the customer's payments; amounts, brand and method stay for the
     * accounts. Later changes of a payment cannot bring them back: its events hold them under the customer's key,
     * which the erasure shreds first. Answers how many payments changed.
     */
    public Uni<Integer> eraseCardDigits(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("UPDATE payments.payments SET card_last_four = NULL"
                        + " WHERE customer_id = $1 AND card_last_four IS NOT NULL")
                .execute(Tuple.of(customerId))
                .map(rows -> rows.rowCount()));
    }

    private Uni<Optional<PaymentView>> upsert(SqlConnection tx, UUID tenantId, UUID paymentId, PaymentState p,
            int version) {
        AuthorizationTerms t = p.terms();
        Tuple args = Tuple.tuple().addUUID(paymentId).addUUID(tenantId).addUUID(t.orderId()).addString(t.customerId())
                .addValue(t.amount()).addString(t.currency()).addString(p.status().toString())
                .addValue(p.capturedAmount()).addValue(p.refundedAmount()).addString(t.paymentMethod().toString())
                .addUUID(t.paymentMethodId()).addString(t.cardBrand()).addString(t.cardLastFour())
                .addString(p.gatewayReference()).addString(p.declineReason() == null ? null : p.declineReason().toString())
                .addInteger(version);
        return tx.preparedQuery(UPSERT).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    private Uni<PaymentView> select(SqlConnection tx, UUID paymentId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM payments.payments WHERE payment_id = $1")
                .execute(Tuple.of(paymentId)).map(rows -> view(rows.iterator().next()));
    }

    private static PaymentView view(Row r) {
        return new PaymentView(r.getUUID("payment_id"), r.getUUID("order_id"), r.getString("customer_id"),
                r.getString("status"), money(r.getBigDecimal("amount")), r.getString("currency"),
                money(r.getBigDecimal("captured_amount")), money(r.getBigDecimal("refunded_amount")),
                r.getString("payment_method"), r.getUUID("payment_method_id"), r.getString("card_brand"),
                r.getString("card_last_four"), r.getString("gateway_reference"), r.getString("decline_reason"),
                r.getInteger("version"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}

package io.cloudlab.payment.method.store;

import io.cloudlab.payment.method.domain.CardBrand;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.method.domain.RegisteredPaymentMethod;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * payments.payment_methods, with the token and holder name encrypted per row and column and bound to their
 * tenant and owner: a row moved to another customer, or another tenant, no longer decrypts.
 */
@ApplicationScoped
public class PaymentMethodRepository {

    @Inject
    Pool pool;

    @Inject
    FieldCipher cipher;

    public Uni<Void> insert(UUID tenantId, RegisteredPaymentMethod m) {
        UUID id = m.paymentMethodId();
        byte[] token = m.gatewayToken() == null ? null
                : cipher.encrypt(m.gatewayToken(), context(TOKEN, tenantId, m.customerId(), id, FieldCipher.OWNER_BOUND));
        byte[] holder = m.holderName() == null ? null
                : cipher.encrypt(m.holderName(), context(HOLDER, tenantId, m.customerId(), id, FieldCipher.OWNER_BOUND));
        Tuple args = Tuple.tuple().addUUID(id).addUUID(tenantId).addString(m.customerId()).addString(m.type().toString());
        bytes(args, token);
        args.addString(m.brand() == null ? null : m.brand().toString()).addString(m.lastFour())
                .addValue(m.expiryMonth() == null ? null : m.expiryMonth().shortValue())
                .addValue(m.expiryYear() == null ? null : m.expiryYear().shortValue());
        bytes(args, holder);
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "INSERT INTO payments.payment_methods (payment_method_id, tenant_id, customer_id, type,"
                                + " gateway_token_encrypted, card_brand, card_last_four, expiry_month, expiry_year,"
                                + " holder_name_encrypted) VALUES ($1, $2, $3, $4::payments.payment_method, $5, $6, $7, $8, $9, $10)")
                .execute(args)).replaceWithVoid();
    }

    public Uni<Optional<RegisteredPaymentMethod>> find(UUID tenantId, UUID paymentMethodId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "SELECT payment_method_id, customer_id, type::text AS type, gateway_token_encrypted, card_brand,"
                                + " card_last_four, expiry_month, expiry_year, holder_name_encrypted"
                                + " FROM payments.payment_methods WHERE payment_method_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(paymentMethodId)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(decrypt(tenantId, rows.iterator().next())));
    }

    /**
     * A customer's live payment methods, newest first, as shown to them: type, brand, last four and expiry.
     * Nothing is decrypted, so the token and the holder's name are absent.
     */
    public Uni<List<RegisteredPaymentMethod>> listOf(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "SELECT payment_method_id, customer_id, type::text AS type, card_brand, card_last_four,"
                                + " expiry_month, expiry_year FROM payments.payment_methods"
                                + " WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at IS NULL"
                                + " ORDER BY created_at DESC, payment_method_id LIMIT 100")
                .execute(Tuple.of(tenantId, customerId)))
                .map(rows -> {
                    List<RegisteredPaymentMethod> found = new ArrayList<>();
                    for (Row r : rows) {
                        String brand = r.getString("card_brand");
                        Short month = r.getShort("expiry_month");
                        Short year = r.getShort("expiry_year");
                        found.add(new RegisteredPaymentMethod(r.getUUID("payment_method_id"), r.getString("customer_id"),
                                PaymentMethodType.of(r.getString("type")), null,
                                brand == null ? null : CardBrand.fromCode(brand), r.getString("card_last_four"),
                                month == null ? null : month.intValue(), year == null ? null : year.intValue(), null));
                    }
                    return found;
                });
    }

    /** A method as a data export shows it: masked as ever, and when it was deleted (null: it is live). */
    public record Held(RegisteredPaymentMethod method, java.time.OffsetDateTime createdAt, java.time.OffsetDateTime deletedAt) {}

    /** Every payment method the service holds of a customer, deleted ones included, newest first. */
    public Uni<List<Held>> heldFor(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "SELECT payment_method_id, customer_id, type::text AS type, card_brand, card_last_four,"
                                + " expiry_month, expiry_year, created_at, deleted_at FROM payments.payment_methods"
                                + " WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at DESC, payment_method_id")
                .execute(Tuple.of(tenantId, customerId)))
                .map(rows -> {
                    List<Held> found = new ArrayList<>();
                    for (Row r : rows) {
                        String brand = r.getString("card_brand");
                        Short month = r.getShort("expiry_month");
                        Short year = r.getShort("expiry_year");
                        found.add(new Held(new RegisteredPaymentMethod(r.getUUID("payment_method_id"), r.getString("customer_id"),
                                PaymentMethodType.of(r.getString("type")), null,
                                brand == null ? null : CardBrand.fromCode(brand), r.getString("card_last_four"),
                                month == null ? null : month.intValue(), year == null ? null : year.intValue(), null),
                                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("deleted_at")));
                    }
                    return found;
                });
    }

    /**
     * Soft-deletes a live payment method of {@code customerId} (any customer's when null: staff). From then on it
     * cannot pay ({@link #find} no longer returns it); payments already made with it keep their own record of
     * brand and last four. False when there is no such live method.
     */
    public Uni<Boolean> delete(UUID tenantId, UUID paymentMethodId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "UPDATE payments.payment_methods SET deleted_at = now(), updated_at = now()"
                                + " WHERE payment_method_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR customer_id = $2)")
                .execute(Tuple.of(paymentMethodId, customerId)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The gateway tokens of a customer's payment methods whose data is not erased yet: the cards to forget. */
    public Uni<List<String>> tokensToForget(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "SELECT payment_method_id, customer_id, type::text AS type, gateway_token_encrypted, card_brand,"
                                + " card_last_four, expiry_month, expiry_year, NULL::bytea AS holder_name_encrypted"
                                + " FROM payments.payment_methods WHERE customer_id = $1 AND erased_at IS NULL"
                                + " AND gateway_token_encrypted IS NOT NULL")
                .execute(Tuple.of(customerId)))
                .map(rows -> {
                    List<String> tokens = new ArrayList<>();
                    for (Row r : rows) tokens.add(decrypt(tenantId, r).gatewayToken());
                    return tokens;
                });
    }

    /**
     * Erasure: every payment method of the customer not yet erased is deleted (if live) and loses its card details
     * and holder name; the rows go with the other deleted methods after the soft-delete period. Answers how many.
     */
    public Uni<Integer> erase(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                        "UPDATE payments.payment_methods SET deleted_at = coalesce(deleted_at, now()), erased_at = now(),"
                                + " gateway_token_encrypted = NULL, holder_name_encrypted = NULL, card_brand = NULL,"
                                + " card_last_four = NULL, expiry_month = NULL, expiry_year = NULL, updated_at = now()"
                                + " WHERE customer_id = $1 AND erased_at IS NULL")
                .execute(Tuple.of(customerId)))
                .map(rows -> rows.rowCount());
    }

    private RegisteredPaymentMethod decrypt(UUID tenantId, Row r) {
        UUID id = r.getUUID("payment_method_id");
        String owner = r.getString("customer_id");
        Buffer token = r.getBuffer("gateway_token_encrypted");
        Buffer holder = r.getBuffer("holder_name_encrypted");
        String brand = r.getString("card_brand");
        Short month = r.getShort("expiry_month");
        Short year = r.getShort("expiry_year");
        return new RegisteredPaymentMethod(id, r.getString("customer_id"), PaymentMethodType.of(r.getString("type")),
                token == null ? null : cipher.decrypt(token.getBytes(), format -> context(TOKEN, tenantId, owner, id, format)),
                brand == null ? null : CardBrand.fromCode(brand), r.getString("card_last_four"),
                month == null ? null : month.intValue(), year == null ? null : year.intValue(),
                holder == null ? null : cipher.decrypt(holder.getBytes(), format -> context(HOLDER, tenantId, owner, id, format)));
    }

    private static void bytes(Tuple args, byte[] value) {
        if (value == null) args.addValue(null);
        else args.addBuffer(Buffer.buffer(value));
    }

    static final String TOKEN = "payment_methods.gateway_token";
    static final String HOLDER = "payment_methods.holder_name";

    /** Where a value belongs: its column and row, and (for owner-bound values) its tenant and owner. */
    static String context(String column, UUID tenantId, String owner, UUID paymentMethodId, int format) {
        if (format == FieldCipher.ROW_BOUND) return column + ":" + paymentMethodId;
        return column + ":" + tenantId + ":" + owner + ":" + paymentMethodId;
    }
}

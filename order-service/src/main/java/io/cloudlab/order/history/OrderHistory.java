package io.cloudlab.order.history;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A customer's orders, newest first, with keyset (cursor) paging as seed 001 asks: the cursor is the
 * (created_at, order_id) of the last row shown, so a page costs one index range scan however deep the
 * client pages, and orders placed meanwhile neither shift nor repeat rows (which OFFSET paging would).
 */
@ApplicationScoped
public class OrderHistory {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    @Inject
    Pool pool;

    public Uni<OrderPage> page(UUID tenantId, String customerId, String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        String sql = "SELECT order_id, order_number, status::text AS status, payment_method::text AS payment_method,"
                + " currency, total_amount, item_count, created_at, updated_at FROM orders.order_summaries"
                + " WHERE customer_id = $1"
                + (after == null ? "" : " AND (created_at, order_id) < ($3, $4)")
                + " ORDER BY created_at DESC, order_id DESC LIMIT $2";
        Tuple args = after == null ? Tuple.of(customerId, limit + 1)
                : Tuple.of(customerId, limit + 1, after.createdAt(), after.orderId());
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(sql).execute(args)).map(rows -> {
            List<OrderSummary> orders = new ArrayList<>();
            for (Row row : rows) orders.add(summary(row));
            if (orders.size() <= limit) return new OrderPage(orders, null);
            List<OrderSummary> shown = orders.subList(0, limit);
            OrderSummary last = shown.get(limit - 1);
            return new OrderPage(List.copyOf(shown), new Cursor(last.createdAt(), last.orderId()).encode());
        });
    }

    private static OrderSummary summary(Row row) {
        return new OrderSummary(row.getUUID("order_id"), row.getString("order_number"), row.getString("status"),
                row.getString("payment_method"), row.getString("currency"), row.getBigDecimal("total_amount"),
                row.getInteger("item_count"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    /** Opaque to clients (base64url of microseconds and id); a tampered one is a 400 naming the parameter. */
    /** Every order of the customer, oldest first: what a data export or an erasure goes through. */
    public Uni<List<UUID>> orderIdsOf(UUID tenantId, String customerId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                        .preparedQuery("SELECT order_id FROM orders.order_summaries WHERE customer_id = $1 ORDER BY created_at, order_id")
                        .execute(Tuple.of(customerId)))
                .map(rows -> {
                    List<UUID> ids = new java.util.ArrayList<>();
                    for (Row row : rows) ids.add(row.getUUID("order_id"));
                    return ids;
                });
    }

    public record Cursor(OffsetDateTime createdAt, UUID orderId) {

        public String encode() {
            Instant at = createdAt.toInstant();
            long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + orderId).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 2);
                long micros = Long.parseLong(parts[0]);
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
                return new Cursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
            }
        }
    }
}

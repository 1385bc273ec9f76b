package io.cloudlab.inventory.product.store;

import io.cloudlab.inventory.product.domain.InsufficientStock;
import io.cloudlab.inventory.product.domain.Price;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.domain.ProductStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The product's rows (inventory.products + inventory.stock_levels). Every statement runs on the caller's
 * tenant transaction, so row-level security scopes it; the tenant filter in the SQL is for the indexes.
 */
public final class ProductRows {

    static final String COLUMNS = "p.product_id, p.vendor_id, p.name, p.description, p.price, p.currency, p.status,"
            + " p.version, s.available, s.reserved, p.created_at, p.updated_at";
    private static final String FROM = " FROM inventory.products p JOIN inventory.stock_levels s ON s.product_id = p.product_id"
            + " WHERE p.deleted_at IS NULL";

    private ProductRows() {}

    public static Uni<ProductRecord> find(SqlConnection tx, UUID productId) {
        return tx.preparedQuery("SELECT " + COLUMNS + FROM + " AND p.product_id = $1")
                .execute(Tuple.of(productId))
                .map(rows -> rows.size() == 0 ? null : record(rows.iterator().next()));
    }

    /** The product, locked until the transaction ends: every writer of a product queues here. */
    public static Uni<ProductState> lock(SqlConnection tx, UUID productId) {
        return tx.preparedQuery("SELECT " + COLUMNS + FROM + " AND p.product_id = $1 FOR UPDATE")
                .execute(Tuple.of(productId))
                .map(rows -> rows.size() == 0 ? null : state(rows.iterator().next()));
    }

    /**
     * Several products locked in product id order, the same order for every transaction, so that two orders
     * reserving the same products in a different line order wait for each other instead of deadlocking.
     */
    public static Uni<Map<UUID, ProductState>> lockAll(SqlConnection tx, Collection<UUID> productIds) {
        return tx.preparedQuery("SELECT " + COLUMNS + FROM + " AND p.product_id = ANY($1) ORDER BY p.product_id FOR UPDATE")
                .execute(Tuple.of(productIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, ProductState> found = new LinkedHashMap<>();
                    for (Row row : rows) found.put(row.getUUID("product_id"), state(row));
                    return found;
                });
    }

    public static Uni<Void> insert(SqlConnection tx, UUID tenantId, ProductState p) {
        return tx.preparedQuery("INSERT INTO inventory.products (product_id, tenant_id, vendor_id, name, description,"
                        + " price, currency, status, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.tuple().addUUID(p.id()).addUUID(tenantId).addUUID(p.vendorId()).addString(p.name())
                        .addString(p.description()).addBigDecimal(p.price().amount()).addString(p.price().currency())
                        .addString(p.status().toString()).addInteger(p.version()))
                .chain(() -> tx.preparedQuery("INSERT INTO inventory.stock_levels (product_id, tenant_id, available, reserved)"
                                + " VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.of(p.id(), tenantId, p.available(), p.reserved())))
                .replaceWithVoid();
    }

    /**
     * Writes the change from {@code before} to {@code after}. The catalogue row is written only if it is still
     * at {@code before}'s version; the stock moves by the difference, and only while neither level would go
     * negative. Under the row lock both always hold; they are the database's own guard against overselling.
     */
    public static Uni<Void> save(SqlConnection tx, ProductState before, ProductState after) {
        Uni<Void> catalogue = tx.preparedQuery("UPDATE inventory.products SET name = $3, description = $4, price = $5,"
                        + " currency = $6, status = $7, version = $8, updated_at = now()"
                        + " WHERE product_id = $1 AND version = $2")
                .execute(Tuple.tuple().addUUID(after.id()).addInteger(before.version()).addString(after.name())
                        .addString(after.description()).addBigDecimal(after.price().amount())
                        .addString(after.price().currency()).addString(after.status().toString())
                        .addInteger(after.version()))
                .invoke(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("product " + after.id() + " is not at version " + before.version());
                    }
                })
                .replaceWithVoid();
        int availableDelta = after.available() - before.available();
        int reservedDelta = after.reserved() - before.reserved();
        if (availableDelta == 0 && reservedDelta == 0) return catalogue;
        return catalogue.chain(() -> moveStock(tx, after.id(), availableDelta, reservedDelta))
                .invoke(moved -> {
                    if (!moved) throw new InsufficientStock(after.id(), -availableDelta, before.available());
                })
                .replaceWithVoid();
    }

    /** The conditional update that never oversells: for a reservation, available >= quantity or nothing. */
    private static Uni<Boolean> moveStock(SqlConnection tx, UUID productId, int availableDelta, int reservedDelta) {
        return tx.preparedQuery("UPDATE inventory.stock_levels SET available = available + $2, reserved = reserved + $3,"
                        + " updated_at = now() WHERE product_id = $1 AND available + $2 >= 0 AND reserved + $3 >= 0")
                .execute(Tuple.of(productId, availableDelta, reservedDelta))
                .map(rows -> rows.rowCount() == 1);
    }

    static ProductRecord record(Row row) {
        return new ProductRecord(state(row), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private static ProductState state(Row row) {
        return new ProductState(row.getUUID("product_id"), row.getUUID("vendor_id"), row.getString("name"),
                row.getString("description"), new Price(row.getBigDecimal("price"), row.getString("currency")),
                ProductStatus.parse(row.getString("status")), row.getInteger("available"), row.getInteger("reserved"),
                row.getInteger("version"));
    }
}

package io.cloudlab.inventory.product.store;

import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The storefront's catalogue: active products of the caller's tenant, newest first, or the best matches of
 * a web-style query first (websearch_to_tsquery: words, "phrases", -exclusions, OR), a page at a time.
 */
@ApplicationScoped
public class ProductSearch {

    private static final String ACTIVE = " FROM inventory.products p JOIN inventory.stock_levels s ON s.product_id = p.product_id"
            + " WHERE p.tenant_id = $1 AND p.status = 'active' AND p.deleted_at IS NULL";

    private static final String BROWSE = "SELECT " + ProductRows.COLUMNS + ACTIVE
            + " AND ($2::timestamptz IS NULL OR (p.created_at, p.product_id) < ($2::timestamptz, $3::uuid))"
            + " ORDER BY p.created_at DESC, p.product_id DESC LIMIT $4";

    private static final String SEARCH = "SELECT * FROM (SELECT " + ProductRows.COLUMNS
            + ", ts_rank(p.search_vector, websearch_to_tsquery('english', $5)) AS rank" + ACTIVE
            + " AND p.search_vector @@ websearch_to_tsquery('english', $5)) ranked"
            + " WHERE $2::real IS NULL OR (rank, product_id) < ($2::real, $3::uuid)"
            + " ORDER BY rank DESC, product_id DESC LIMIT $4";

    @Inject
    Pool pool;

    public record Page(List<ProductRecord> items, PageCursor next) {}

    public Uni<Page> browse(UUID tenantId, PageCursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(tenantId)
                .addOffsetDateTime(after == null ? null : after.createdAt())
                .addUUID(after == null ? null : after.productId())
                .addInteger(limit + 1);
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(BROWSE).execute(args))
                .map(rows -> page(rows, limit, false));
    }

    public Uni<Page> search(UUID tenantId, String query, PageCursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(tenantId)
                .addFloat(after == null ? null : after.rank())
                .addUUID(after == null ? null : after.productId())
                .addInteger(limit + 1)
                .addString(query);
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx.preparedQuery(SEARCH).execute(args))
                .map(rows -> page(rows, limit, true));
    }

    /** One row more than the page was asked for: whether there is a next page, without a count query. */
    private static Page page(RowSet<Row> rows, int limit, boolean ranked) {
        List<ProductRecord> items = new ArrayList<>(limit);
        PageCursor next = null;
        Row last = null;
        for (Row row : rows) {
            if (items.size() == limit) {
                next = ranked ? PageCursor.search(last.getFloat("rank"), last.getUUID("product_id"))
                        : PageCursor.browse(last.getOffsetDateTime("created_at"), last.getUUID("product_id"));
                break;
            }
            items.add(ProductRows.record(row));
            last = row;
        }
        return new Page(items, next);
    }
}

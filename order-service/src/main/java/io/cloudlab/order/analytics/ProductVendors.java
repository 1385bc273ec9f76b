package io.cloudlab.order.analytics;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The vendor of each product a batch's placed orders contain, from the catalogue copy (orders.catalogue_products,
 * whose vendor_id comes from ProductCreated). Looked up once per batch and tenant (row-level security scopes the
 * catalogue by tenant). A product's vendor never changes, so a rebuild or an audit later finds the same vendor.
 */
@ApplicationScoped
public class ProductVendors {

    private final Pool pool;

    ProductVendors(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, UUID>> of(List<RecordedEvent> batch) {
        Map<UUID, Set<UUID>> productsByTenant = new HashMap<>();
        for (RecordedEvent event : batch) {
            if (!"OrderPlaced".equals(event.eventType()) || !OrderEventCodec.AGGREGATE_TYPE.equals(event.aggregateType())) continue;
            try {
                OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced) OrderEventCodec.decode(event);
                Set<UUID> products = productsByTenant.computeIfAbsent(event.tenantId(), t -> new HashSet<>());
                for (OrderLine line : placed.lines()) products.add(line.productId());
            } catch (RuntimeException unreadable) {
                // the mapping fails on it too, and parks it; the rest of the batch still needs its vendors
            }
        }
        Map<UUID, UUID> vendors = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, Set<UUID>> tenant : productsByTenant.entrySet()) {
            chain = chain.chain(() -> TenantTransactions.inTenant(pool, tenant.getKey(), tx -> tx.preparedQuery(
                            "SELECT product_id, vendor_id FROM orders.catalogue_products"
                                    + " WHERE product_id = ANY($1) AND vendor_id IS NOT NULL")
                    .execute(Tuple.of(tenant.getValue().toArray(UUID[]::new)))
                    .invoke(rows -> {
                        for (Row row : rows) vendors.put(row.getUUID("product_id"), row.getUUID("vendor_id"));
                    }).replaceWithVoid()));
        }
        return chain.replaceWith(vendors);
    }
}

package io.cloudlab.order.catalogue;

import io.cloudlab.contracts.Wire;
import io.cloudlab.contracts.catalogue.ProductCreated;
import io.cloudlab.contracts.catalogue.ProductEvent;
import io.cloudlab.contracts.catalogue.ProductRepriced;
import io.cloudlab.contracts.catalogue.ProductRetired;
import io.cloudlab.contracts.catalogue.ProductUpdated;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The order service's copy of the inventory catalogue (table orders.catalogue_products), kept from the
 * Product events inventory-service publishes. Orders are priced from it, never from the client, and
 * without a synchronous call to inventory-service on the order path (which would couple the two services'
 * availability). The copy is eventually consistent: a product created a moment ago may not be orderable
 * for the time its event takes to arrive (milliseconds, measured by the catalogue test).
 */
@ApplicationScoped
public class Catalogue {

    static final String CONSUMER = "order-service.catalogue";
    private static final Logger LOG = Logger.getLogger(Catalogue.class);

    @Inject
    Pool pool;

    /** The products of {@code ids} visible to the transaction's tenant; unknown ids are absent. */
    public Uni<Map<UUID, CatalogueProduct>> find(SqlConnection tx, Collection<UUID> ids) {
        return tx.preparedQuery("SELECT product_id, name, price, currency, is_active FROM orders.catalogue_products"
                        + " WHERE product_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, CatalogueProduct> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(row.getUUID("product_id"), new CatalogueProduct(row.getUUID("product_id"),
                                row.getString("name"), row.getBigDecimal("price"), row.getString("currency"),
                                row.getBoolean("is_active")));
                    }
                    return found;
                });
    }

    /**
     * Applies one Product event from Kafka, once: the inbox row and the change commit together, and a
     * version guard keeps an event that arrives late from undoing a newer one.
     */
    public Uni<Void> apply(JsonObject envelope) {
        UUID eventId = UUID.fromString(envelope.getString("event_id"));
        UUID productId = UUID.fromString(envelope.getString("aggregate_id"));
        UUID tenantId = UUID.fromString(envelope.getJsonObject("metadata").getString("tenant_id"));
        int version = envelope.getInteger("event_version");
        JsonObject data = envelope.getJsonObject("data");
        String type = envelope.getString("event_type");
        // Most product events are stock movements, several per order: they change nothing here, so they cost
        // no transaction (nothing to apply means nothing to apply twice).
        if (!READ.containsKey(type)) return Uni.createFrom().voidItem();
        return TenantTransactions.inTenant(pool, tenantId, tx -> Inbox.firstDelivery(tx, CONSUMER, eventId)
                .chain(first -> first ? change(tx, type, productId, tenantId, version, data) : Uni.createFrom().voidItem()));
    }

    /** The product events the catalogue reads, by type on the wire; stock movements are not among them. */
    private static final Map<String, Class<? extends ProductEvent>> READ = Map.of(
            "ProductCreated", ProductCreated.class, "ProductUpdated", ProductUpdated.class,
            "ProductRepriced", ProductRepriced.class, "ProductRetired", ProductRetired.class);

    private Uni<Void> change(SqlConnection tx, String type, UUID productId, UUID tenantId, int version, JsonObject data) {
        ProductEvent event = Wire.read(data.getMap(), READ.get(type));
        if (event instanceof ProductCreated created) {
            return tx.preparedQuery("INSERT INTO orders.catalogue_products"
                            + " (product_id, tenant_id, name, price, currency, version, vendor_id)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (product_id) DO NOTHING")
                    .execute(Tuple.tuple().addUUID(productId).addUUID(tenantId).addString(created.name())
                            .addValue(created.price()).addString(created.currency())
                            .addInteger(version).addUUID(vendorOf(productId, created.vendorId()))).replaceWithVoid();
        }
        if (event instanceof ProductUpdated updated) return update(tx, "name = $3", productId, version, updated.name());
        if (event instanceof ProductRepriced repriced) return update(tx, "price = $3", productId, version, repriced.price());
        return update(tx, "is_active = $3", productId, version, false);
    }

    /**
     * The product's vendor for analytics. inventory-service always sends a UUID; anything else is kept as
     * unknown rather than refused, since refusing would stop the product from being orderable.
     */
    private static UUID vendorOf(UUID productId, String vendor) {
        if (vendor == null) return null;
        try {
            return UUID.fromString(vendor);
        } catch (IllegalArgumentException notAUuid) {
            LOG.debugf("product %s: vendor_id %s is not a UUID; vendor unknown", productId, vendor);
            return null;
        }
    }

    private Uni<Void> update(SqlConnection tx, String assignment, UUID productId, int version, Object value) {
        return tx.preparedQuery("UPDATE orders.catalogue_products SET " + assignment + ", version = $2, updated_at = now()"
                        + " WHERE product_id = $1 AND version < $2")
                .execute(Tuple.of(productId, version, value))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) LOG.debugf("product %s v%d: older than the copy, or unknown", productId, version);
                })
                .replaceWithVoid();
    }
}

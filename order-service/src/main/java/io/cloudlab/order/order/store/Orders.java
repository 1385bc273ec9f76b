package io.cloudlab.order.order.store;

import io.cloudlab.eventstore.AppendResult;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.order.catalogue.Catalogue;
import io.cloudlab.order.catalogue.CatalogueProduct;
import io.cloudlab.order.order.domain.Order;
import io.cloudlab.order.order.domain.OrderCommand.PlaceOrder;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.OrderEvent.OrderPlaced;
import io.cloudlab.order.order.domain.OrderLine;
import io.cloudlab.order.order.domain.OrderRejection;
import io.cloudlab.order.order.domain.OrderState;
import io.cloudlab.order.order.domain.OrderStatus;
import io.cloudlab.order.order.domain.PaymentMethod;
import io.cloudlab.order.order.domain.ShippingAddress;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads orders from their streams (the fold of their events) and saves the events the aggregate decided,
 * after the version they were decided on, together with the order's summary row, in one transaction: the
 * summary can never disagree with the stream, and nothing is written to Kafka here (the store's relay
 * publishes the events after commit).
 */
@ApplicationScoped
public class Orders {

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Inject
    Catalogue catalogue;

    public Uni<StoredOrder> load(UUID tenantId, UUID orderId) {
        return store.load(tenantId, OrderEventCodec.AGGREGATE_TYPE, orderId).map(stream -> {
            OrderState state = Order.DECIDER.fold(OrderEventCodec.decodeAll(stream.events()));
            return new StoredOrder(orderId, state, stream.version(), stream.events());
        });
    }

    /** What the customer asked for; prices come from the catalogue. */
    public record Requested(UUID productId, int quantity) {}

    public record Placement(String customerId, String currency, PaymentMethod paymentMethod,
            UUID paymentMethodId, List<Requested> items, ShippingAddress address) {}

    /**
     * Prices the lines from the catalogue, numbers the order and appends OrderPlaced with the given ids.
     * A retry with the same ids finds them stored ("replayed") and writes nothing, not even the summary.
     */
    public Uni<AppendResult> place(UUID orderId, UUID eventId, Placement placement, EventMetadata metadata) {
        return TenantTransactions.inTenant(pool, metadata.tenantId(), tx -> catalogue
                .find(tx, placement.items().stream().map(Requested::productId).toList())
                .map(products -> priced(placement, products))
                .chain(lines -> nextOrderNumber(tx).map(number -> Order.DECIDER.decide(new PlaceOrder(number,
                        placement.customerId(), placement.currency(), placement.paymentMethod(), placement.paymentMethodId(),
                        lines, placement.address()), Order.DECIDER.initial())))
                .chain(events -> store.appendWithin(tx, OrderEventCodec.AGGREGATE_TYPE, orderId, 0,
                                List.of(OrderEventCodec.encode(events.get(0), eventId)), metadata)
                        .call(result -> result.replayed() ? Uni.createFrom().voidItem()
                                : insertSummary(tx, orderId, metadata.tenantId(), (OrderPlaced) events.get(0), result))));
    }

    /** Appends the events a command decided, after the version it was decided on. */
    public Uni<AppendResult> save(StoredOrder stored, List<OrderEvent> events, List<UUID> eventIds, EventMetadata metadata) {
        return TenantTransactions.inTenant(pool, metadata.tenantId(), tx -> save(tx, stored, events, eventIds, metadata));
    }

    /** The same inside the caller's transaction (a saga command's handler adds its inbox row and reply). */
    public Uni<AppendResult> save(SqlConnection tx, StoredOrder stored, List<OrderEvent> events, List<UUID> eventIds,
            EventMetadata metadata) {
        List<NewEvent> encoded = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) encoded.add(OrderEventCodec.encode(events.get(i), eventIds.get(i)));
        OrderStatus status = Order.DECIDER.fold(stored.state(), events).status();
        return store.appendWithin(tx, OrderEventCodec.AGGREGATE_TYPE, stored.orderId(), stored.version(), encoded, metadata)
                .call(result -> result.replayed() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE orders.order_summaries SET status = $2::orders.order_status,"
                                        + " version = $3, last_position = $4, updated_at = now() WHERE order_id = $1")
                                .execute(Tuple.of(stored.orderId(), status.toString(), result.streamVersion(),
                                        result.lastPosition())));
    }

    private static List<OrderLine> priced(Placement placement, Map<UUID, CatalogueProduct> products) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < placement.items().size(); i++) {
            Requested item = placement.items().get(i);
            CatalogueProduct product = products.get(item.productId());
            String field = "items[" + i + "].product_id";
            if (product == null) throw OrderRejection.invalid(field, "no such product in the catalogue");
            if (!product.active()) throw OrderRejection.invalid(field, "is no longer sold");
            if (!product.currency().equals(placement.currency())) {
                throw OrderRejection.invalid("currency", "the catalogue prices " + product.name() + " in "
                        + product.currency() + ", not " + placement.currency());
            }
            lines.add(new OrderLine(product.productId(), product.name(), item.quantity(), product.price()));
        }
        return lines;
    }

    private static Uni<String> nextOrderNumber(SqlConnection tx) {
        return tx.preparedQuery("SELECT 'ORD-' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD') || '-'"
                        + " || lpad(nextval('orders.order_number_seq')::text, 8, '0') AS order_number")
                .execute().map(rows -> rows.iterator().next().getString("order_number"));
    }

    private static Uni<Void> insertSummary(SqlConnection tx, UUID orderId, UUID tenantId, OrderPlaced placed,
            AppendResult result) {
        return tx.preparedQuery("INSERT INTO orders.order_summaries (order_id, tenant_id, customer_id, order_number,"
                        + " status, payment_method, currency, total_amount, item_count, version, last_position,"
                        + " created_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4, 'pending_payment', $5::orders.payment_method, $6, $7, $8, $9, $10,"
                        // now(), the transaction's start, is what the events appended in it carry as created_at:
                        // the list in PostgreSQL and the one projected into Redis then show (and page on) one time.
                        + " now(), now())")
                .execute(Tuple.from(List.of(orderId, tenantId, placed.customerId(), placed.orderNumber(),
                        placed.paymentMethod().toString(), placed.currency(), placed.totalAmount(), placed.lines().size(),
                        result.streamVersion(), result.lastPosition())))
                .replaceWithVoid();
    }
}

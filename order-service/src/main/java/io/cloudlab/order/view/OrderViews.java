package io.cloudlab.order.view;

import io.cloudlab.order.history.OrderHistory;
import io.cloudlab.order.history.OrderPage;
import io.cloudlab.order.history.OrderSummary;
import io.cloudlab.order.order.store.Orders;
import io.cloudlab.readmodels.redis.RedisViews;
import io.cloudlab.readmodels.redis.Tier;
import io.cloudlab.readmodels.redis.Tiered;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The storefront's order reads: from the {@code order-views} documents in Redis (with the in-process tier in
 * front), from PostgreSQL when Redis cannot answer. The PostgreSQL tier folds the order's stream with the very
 * fold the projection uses, so both tiers answer the same document.
 */
@ApplicationScoped
public class OrderViews {

    /** Index entries read beyond a page, to step over orders placed in the same microsecond as the cursor. */
    private static final int TIE_SLACK = 16;

    private final RedisViews views;
    private final Orders orders;
    private final OrderHistory history;

    OrderViews(RedisViews views, Orders orders, OrderHistory history) {
        this.views = views;
        this.orders = orders;
        this.history = history;
    }

    /** The order (null when it does not exist), at least as fresh as the token when one is given for it. */
    public Uni<Tiered<OrderDocument>> order(UUID tenantId, UUID orderId, ConsistencyToken after) {
        int atLeast = after != null && after.orderId().equals(orderId) ? after.version() : 0;
        return views.document(OrderViewsProjection.NAME, OrderViewsProjection.document(orderId), OrderViewsProjection::decode,
                OrderDocument::version, atLeast, () -> fromStream(tenantId, orderId));
    }

    /** A customer's orders, newest first; with a token, only once the view has applied it. */
    public Uni<Tiered<OrderPage>> page(UUID tenantId, String customerId, String cursor, int limit, ConsistencyToken after) {
        OrderHistory.Cursor from = cursor == null ? null : OrderHistory.Cursor.decode(cursor);
        Uni<Boolean> caughtUp = after == null ? Uni.createFrom().item(true)
                : views.document(OrderViewsProjection.NAME, OrderViewsProjection.document(after.orderId()),
                        OrderViewsProjection::decode, OrderDocument::version, after.version(), () -> Uni.createFrom().nullItem())
                        .map(t -> t.tier() != Tier.POSTGRES);
        return caughtUp.chain(fresh -> fresh
                ? views.query(OrderViewsProjection.NAME, redis -> fromIndex(redis, tenantId, customerId, from, limit),
                        () -> history.page(tenantId, customerId, cursor, limit))
                : history.page(tenantId, customerId, cursor, limit).map(p -> new Tiered<>(p, Tier.POSTGRES)));
    }

    private Uni<OrderDocument> fromStream(UUID tenantId, UUID orderId) {
        return orders.load(tenantId, orderId).map(stored -> OrderViewFold.fold(stored.history()));
    }

    private Uni<OrderPage> fromIndex(RedisViews.Reader redis, UUID tenantId, String customerId, OrderHistory.Cursor from,
            int limit) {
        double max = from == null ? Double.POSITIVE_INFINITY : OrderViewsProjection.micros(from.createdAt().toInstant());
        return redis.descending(OrderViewsProjection.customerIndex(tenantId, customerId), max, limit + 1 + TIE_SLACK)
                .chain(entries -> {
                    List<String> ids = new ArrayList<>();
                    for (RedisViews.Scored e : entries) {
                        boolean seen = from != null && e.score() == max && e.member().compareTo(from.orderId().toString()) >= 0;
                        if (!seen && ids.size() <= limit) ids.add(e.member());
                    }
                    return redis.documents(ids.stream().map(id -> OrderViewsProjection.document(UUID.fromString(id))).toList());
                })
                .map(found -> {
                    List<OrderSummary> summaries = new ArrayList<>();
                    for (String json : found) if (json != null) summaries.add(OrderViewsProjection.decode(json).summary());
                    if (summaries.size() <= limit) return new OrderPage(summaries, null);
                    List<OrderSummary> shown = summaries.subList(0, limit);
                    OrderSummary last = shown.get(limit - 1);
                    return new OrderPage(List.copyOf(shown), new OrderHistory.Cursor(last.createdAt(), last.orderId()).encode());
                });
    }
}

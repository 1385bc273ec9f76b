package io.cloudlab.order.analytics;

import io.cloudlab.order.analytics.AnalyticsFigures.Compliance;
import io.cloudlab.order.analytics.AnalyticsFigures.Conversion;
import io.cloudlab.order.analytics.AnalyticsFigures.DailyRevenue;
import io.cloudlab.order.analytics.AnalyticsFigures.Day;
import io.cloudlab.order.analytics.AnalyticsFigures.Funnel;
import io.cloudlab.order.analytics.AnalyticsFigures.Product;
import io.cloudlab.order.analytics.AnalyticsFigures.ProductRevenue;
import io.cloudlab.order.analytics.AnalyticsFigures.Reason;
import io.cloudlab.order.analytics.AnalyticsFigures.Reasons;
import io.cloudlab.order.analytics.AnalyticsFigures.Timing;
import io.cloudlab.order.analytics.AnalyticsFigures.Vendor;
import io.cloudlab.order.analytics.AnalyticsFigures.VendorRevenue;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.clickhouse.ClickHouseException;
import io.cloudlab.readmodels.clickhouse.FactsProjections;
import io.cloudlab.readmodels.clickhouse.FactsProjector;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The analytics figures of one tenant, computed in ClickHouse over the serving version of the order-analytics
 * facts (one version per query: every table of a query is named through the same {@link FactsProjector.Tables}).
 *
 * <p>Duplicates, and why some queries read FINAL and others not: an event inserted twice (redelivery, replay) is
 * two rows until ClickHouse merges them. Sums would count it twice, so they read {@code FINAL} (merged at query
 * time). Counts of distinct things (orders that reached a step, events per reason) use {@code uniqExact} or
 * {@code countIf(..) > 0} per order, which a duplicate does not change, so they skip FINAL's cost. The smallest
 * time of a step per order ({@code minIf}) is the same with or without the duplicate.
 */
@ApplicationScoped
public class AnalyticsQueries {

    /** Seed 001's business-rule compliance targets. */
    static final long PLACED_TO_SHIPPED_TARGET_SECONDS = 3600;
    static final long PROPAGATION_TARGET_MS = 60_000;

    private static final String DAILY_REVENUE = """
            SELECT toString(toDate(occurred_at)) AS day, currency,
                   countIf(event_type = 'OrderPaid') AS orders_paid,
                   toString(sumIf(amount, event_type = 'OrderPaid')) AS revenue,
                   toString(sumIf(amount, event_type = 'OrderRefunded')) AS refunded,
                   toString(sumIf(amount, event_type = 'OrderPaid') - sumIf(amount, event_type = 'OrderRefunded')) AS net
            FROM (SELECT order_id, event_type, occurred_at, amount FROM {order_facts} FINAL
                  WHERE tenant_id = {tenant} AND event_type IN ('OrderPaid', 'OrderRefunded') AND {period})
            ANY LEFT JOIN (SELECT order_id, currency FROM {order_facts}
                           WHERE tenant_id = {tenant} AND event_type = 'OrderPlaced') USING order_id
            GROUP BY day, currency ORDER BY day, currency""";

    /** Lines of the orders paid in the period. */
    private static final String REVENUE_BY = """
            SELECT {key}, currency, sum(quantity) AS units, toString(sum(line_total)) AS revenue
            FROM {order_line_facts} FINAL
            WHERE tenant_id = {tenant} AND order_id IN (SELECT order_id FROM {order_facts}
                  WHERE tenant_id = {tenant} AND event_type = 'OrderPaid' AND {period})
            GROUP BY {group}, currency ORDER BY sum(line_total) DESC, {group}, currency""";

    /** Orders placed in the period as a cohort, and which steps each reached. */
    private static final String FUNNEL = """
            SELECT count() AS placed, countIf(paid) AS paid, countIf(shipped) AS shipped, countIf(delivered) AS delivered
            FROM (SELECT order_id,
                         countIf(event_type = 'OrderPlaced') > 0 AS was_placed,
                         minIf(occurred_at, event_type = 'OrderPlaced') AS placed_at,
                         countIf(event_type = 'OrderPaid') > 0 AS paid,
                         countIf(event_type = 'OrderShipped') > 0 AS shipped,
                         countIf(event_type = 'OrderDelivered') > 0 AS delivered
                  FROM {order_facts} WHERE tenant_id = {tenant} GROUP BY order_id)
            WHERE was_placed AND {placed_in_period}""";

    private static final String ORDER_REASONS = """
            SELECT toString(event_type) AS kind, reason, uniqExact(event_id) AS count FROM {order_facts}
            WHERE tenant_id = {tenant} AND event_type IN ('OrderCancelled', 'OrderRejected') AND {period}
            GROUP BY kind, reason ORDER BY count DESC, reason""";

    private static final String DECLINE_REASONS = """
            SELECT decline_reason AS reason, uniqExact(event_id) AS count FROM {payment_facts}
            WHERE tenant_id = {tenant} AND event_type = 'PaymentDeclined' AND {period}
            GROUP BY reason ORDER BY count DESC, reason""";

    /** Seconds from placed to shipped of the orders placed in the period that shipped. */
    private static final String PLACED_TO_SHIPPED = """
            SELECT count() AS count, avg(seconds) AS average, quantileExact(0.5)(seconds) AS p50,
                   quantileExact(0.95)(seconds) AS p95, max(seconds) AS max
            FROM (SELECT toInt64(minIf(occurred_at, event_type = 'OrderShipped'))
                         - toInt64(minIf(occurred_at, event_type = 'OrderPlaced')) AS seconds,
                         minIf(occurred_at, event_type = 'OrderPlaced') AS placed_at,
                         countIf(event_type = 'OrderPlaced') > 0 AND countIf(event_type = 'OrderShipped') > 0 AS both
                  FROM {order_facts} WHERE tenant_id = {tenant} GROUP BY order_id)
            WHERE both AND {placed_in_period}""";

    /** Milliseconds from an event's commit to its first insert here, over the period's order and payment events. */
    private static final String PROJECTION_DELAY = """
            SELECT count() AS count, avg(projection_delay_ms) AS average, quantileExact(0.5)(projection_delay_ms) AS p50,
                   quantileExact(0.95)(projection_delay_ms) AS p95, max(projection_delay_ms) AS max
            FROM (SELECT projection_delay_ms FROM {order_facts} FINAL WHERE tenant_id = {tenant} AND {period}
                  UNION ALL
                  SELECT projection_delay_ms FROM {payment_facts} FINAL WHERE tenant_id = {tenant} AND {period})""";

    private final ClickHouse clickhouse;
    private final FactsProjections projections;

    AnalyticsQueries(ClickHouse clickhouse, FactsProjections projections) {
        this.clickhouse = clickhouse;
        this.projections = projections;
    }

    public Uni<DailyRevenue> dailyRevenue(UUID tenant, Period period) {
        return select(DAILY_REVENUE, tenant, period).map(rows -> new DailyRevenue(period.from(), period.to(),
                rows.stream().map(r -> new Day(LocalDate.parse(r.getString("day")), r.getString("currency"),
                        r.getLong("orders_paid"), r.getString("revenue"), r.getString("refunded"), r.getString("net"))).toList()));
    }

    public Uni<ProductRevenue> productRevenue(UUID tenant, Period period) {
        String sql = REVENUE_BY.replace("{key}", "toString(product_id) AS product, any(product_name) AS product_name")
                .replace("{group}", "product_id");
        return select(sql, tenant, period).map(rows -> new ProductRevenue(period.from(), period.to(),
                rows.stream().map(r -> new Product(r.getString("product"), r.getString("product_name"),
                        r.getString("currency"), r.getLong("units"), r.getString("revenue"))).toList()));
    }

    public Uni<VendorRevenue> vendorRevenue(UUID tenant, Period period) {
        String sql = REVENUE_BY.replace("{key}", "toString(vendor_id) AS vendor").replace("{group}", "vendor_id");
        return select(sql, tenant, period).map(rows -> new VendorRevenue(period.from(), period.to(),
                rows.stream().map(r -> new Vendor(r.getString("vendor"), r.getString("currency"), r.getLong("units"),
                        r.getString("revenue"))).toList()));
    }

    public Uni<Funnel> funnel(UUID tenant, Period period) {
        return select(FUNNEL, tenant, period).map(rows -> {
            JsonObject r = rows.get(0);
            long placed = r.getLong("placed"), paid = r.getLong("paid"), shipped = r.getLong("shipped"),
                    delivered = r.getLong("delivered");
            return new Funnel(period.from(), period.to(), placed, paid, shipped, delivered, new Conversion(
                    rate(paid, placed), rate(shipped, paid), rate(delivered, shipped), rate(delivered, placed)));
        });
    }

    public Uni<Reasons> reasons(UUID tenant, Period period) {
        return select(ORDER_REASONS, tenant, period).chain(orders -> select(DECLINE_REASONS, tenant, period).map(declines ->
                new Reasons(period.from(), period.to(), reasons(orders, "OrderCancelled"), reasons(orders, "OrderRejected"),
                        declines.stream().map(r -> new Reason(r.getString("reason"), r.getLong("count"))).toList())));
    }

    public Uni<Compliance> compliance(UUID tenant, Period period) {
        return select(PLACED_TO_SHIPPED, tenant, period).chain(shipping -> select(PROJECTION_DELAY, tenant, period)
                .map(delay -> new Compliance(period.from(), period.to(),
                        timing(shipping.get(0), "seconds", PLACED_TO_SHIPPED_TARGET_SECONDS),
                        timing(delay.get(0), "milliseconds", PROPAGATION_TARGET_MS))));
    }

    /**
     * Runs a figure's query over the serving tables; ClickHouse failing is a 503 for analytics, never a 500, and
     * never touches the order API.
     */
    private Uni<List<JsonObject>> select(String template, UUID tenant, Period period) {
        FactsProjector.Tables tables = projections.projector(OrderAnalytics.NAME).tables();
        String sql = template.replace("{order_facts}", tables.of(OrderAnalyticsFacts.ORDER_FACTS))
                .replace("{order_line_facts}", tables.of(OrderAnalyticsFacts.ORDER_LINE_FACTS))
                .replace("{payment_facts}", tables.of(OrderAnalyticsFacts.PAYMENT_FACTS))
                .replace("{tenant}", "toUUID(" + ClickHouse.literal(tenant.toString()) + ")")
                .replace("{placed_in_period}", period.covers("placed_at"))
                .replace("{period}", period.covers("occurred_at"));
        return clickhouse.select(sql).onFailure(ClickHouseException.class)
                .transform(failure -> FactsProjector.unavailable(failure.getMessage()));
    }

    private static List<Reason> reasons(List<JsonObject> rows, String kind) {
        return rows.stream().filter(r -> kind.equals(r.getString("kind")))
                .map(r -> new Reason(r.getString("reason"), r.getLong("count"))).toList();
    }

    private static Timing timing(JsonObject r, String unit, long target) {
        long count = r.getLong("count");
        if (count == 0) return new Timing(0, unit, null, null, null, null, target, null);
        double average = number(r, "average");
        return new Timing(count, unit, average, number(r, "p50"), number(r, "p95"), number(r, "max"), target, average < target);
    }

    private static double number(JsonObject row, String field) {
        Object value = row.getValue(field);
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    private static Double rate(long reached, long of) {
        return of == 0 ? null : Math.round(reached * 10000.0 / of) / 10000.0;
    }
}

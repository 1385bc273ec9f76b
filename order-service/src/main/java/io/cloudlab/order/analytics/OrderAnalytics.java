package io.cloudlab.order.analytics;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.readmodels.clickhouse.FactMapper;
import io.cloudlab.readmodels.clickhouse.FactsDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@code order-analytics} facts in ClickHouse: Order and Payment events as order, line and payment facts,
 * migrated from {@code clickhouse/order-analytics/} (read-models' ClickHouse engine does the rest).
 */
@ApplicationScoped
public class OrderAnalytics implements FactsDefinition {

    public static final String NAME = "order-analytics";

    private final ProductVendors vendors;

    OrderAnalytics(ProductVendors vendors) {
        this.vendors = vendors;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SubscriptionFilter filter() {
        return SubscriptionFilter.aggregateTypes(OrderAnalyticsFacts.ORDER, OrderAnalyticsFacts.PAYMENT);
    }

    @Override
    public String migrations() {
        return "clickhouse/" + NAME;
    }

    @Override
    public List<FactTable> tables() {
        return List.of(new FactTable(OrderAnalyticsFacts.ORDER_FACTS, "order_id"),
                new FactTable(OrderAnalyticsFacts.ORDER_LINE_FACTS, "order_id"),
                new FactTable(OrderAnalyticsFacts.PAYMENT_FACTS, "payment_id"));
    }

    @Override
    public Uni<FactMapper> mapperFor(List<RecordedEvent> batch) {
        return vendors.of(batch).map(OrderAnalyticsFacts::new);
    }
}

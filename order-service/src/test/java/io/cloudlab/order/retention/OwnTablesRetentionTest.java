package io.cloudlab.order.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.support.tenant.TenantTransactions;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The archive job (the event store's partition maintenance) deletes order-service's own rows past their
 * retention, 7 years, and nothing younger: aged rows are made by back-dating them.
 */
@QuarkusTest
class OwnTablesRetentionTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "cloudlab.event-store.partitions.own-tables-purge")
    String purge;

    @Test
    void orderSummariesOlderThanSevenYearsAreDeletedByTheArchiveJobYoungerOnesKept() {
        Storefront shop = new Storefront(pool);
        UUID keyboard = shop.product("Keyboard", "49.95", "EUR");
        UUID aged = UUID.fromString(shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id"));
        UUID almost = UUID.fromString(shop.place(Storefront.order(keyboard)).statusCode(201).extract().path("order_id"));
        backdate(shop.tenant, aged, "7 years 1 day");
        backdate(shop.tenant, almost, "6 years 364 days");

        PartitionMaintenance.Report report = new PartitionMaintenance(pool, 3, Period.ofYears(10), Optional.of(purge))
                .run().await().atMost(Duration.ofSeconds(120));

        assertTrue(report.ownRowsPurged() >= 1, "at least this test's aged order: " + report.ownRowsPurged());
        assertEquals(0, shop.count("SELECT count(*) FROM orders.order_summaries WHERE order_id = $1", Tuple.of(aged)));
        assertEquals(1, shop.count("SELECT count(*) FROM orders.order_summaries WHERE order_id = $1", Tuple.of(almost)));
    }

    private void backdate(UUID tenant, UUID order, String age) {
        TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery("UPDATE orders.order_summaries SET updated_at = now() - ($2::text)::interval"
                + " WHERE order_id = $1").execute(Tuple.of(order, age))).await().atMost(Duration.ofSeconds(60));
    }
}

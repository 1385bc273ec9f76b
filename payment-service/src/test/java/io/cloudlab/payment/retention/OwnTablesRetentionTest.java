package io.cloudlab.payment.retention;

import static io.cloudlab.payment.TestSupport.authorizedPayment;
import static io.cloudlab.payment.TestSupport.count;
import static io.cloudlab.payment.TestSupport.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The archive job deletes payments that last changed over 10 years ago (transaction data), and nothing younger. */
@QuarkusTest
class OwnTablesRetentionTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "cloudlab.event-store.partitions.own-tables-purge")
    String purge;

    @Test
    void paymentsOlderThanTenYearsAreDeletedByTheArchiveJobYoungerOnesKept() {
        UUID tenant = UUID.randomUUID();
        String aged = authorizedPayment(tenant, "10.00");
        String younger = authorizedPayment(tenant, "11.00");
        execute(tenant, "UPDATE payments.payments SET updated_at = now() - interval '10 years 1 day' WHERE payment_id = ?::uuid", aged);
        execute(tenant, "UPDATE payments.payments SET updated_at = now() - interval '9 years 364 days' WHERE payment_id = ?::uuid", younger);

        PartitionMaintenance.Report report = new PartitionMaintenance(pool, 3, Period.ofYears(10), Optional.of(purge))
                .run().await().atMost(Duration.ofSeconds(120));

        assertTrue(report.ownRowsPurged() >= 1, "at least this test's aged payment: " + report.ownRowsPurged());
        assertEquals(0, count("SELECT count(*) FROM payments.payments WHERE payment_id = ?::uuid", aged));
        assertEquals(1, count("SELECT count(*) FROM payments.payments WHERE payment_id = ?::uuid", younger));
    }
}

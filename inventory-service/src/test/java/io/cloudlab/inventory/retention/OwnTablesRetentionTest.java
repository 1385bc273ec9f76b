package io.cloudlab.inventory.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.cloudlab.inventory.InventoryTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The archive job deletes reservations that ended over 7 years ago; younger ones and a hold still active are
 * kept. Aged rows are made by back-dating them.
 */
@QuarkusTest
class OwnTablesRetentionTest extends InventoryTestBase {

    @ConfigProperty(name = "cloudlab.event-store.partitions.own-tables-purge")
    String purge;

    @Test
    void reservationsThatEndedOverSevenYearsAgoAreDeletedOthersKept() {
        UUID product = create("Aged kettle", 10);
        UUID aged = reserve(product);
        UUID younger = reserve(product);
        UUID active = reserve(product);
        as(admin()).post("/reservations/" + aged + "/commit").then().statusCode(200);
        as(admin()).post("/reservations/" + younger + "/release").then().statusCode(200);
        backdate(aged, "7 years 1 day");
        backdate(younger, "6 years 364 days");
        backdate(active, "8 years");

        PartitionMaintenance.Report report = new PartitionMaintenance(pool, 3, Period.ofYears(10), Optional.of(purge))
                .run().await().atMost(Duration.ofSeconds(120));

        assertTrue(report.ownRowsPurged() >= 1, "at least this test's aged reservation: " + report.ownRowsPurged());
        assertEquals(0, rows(aged));
        assertEquals(1, rows(younger));
        assertEquals(1, rows(active));
    }

    private UUID reserve(UUID product) {
        UUID order = UUID.randomUUID();
        keyed(admin()).body(reservation(order, product, 1)).when().post("/reservations").then().statusCode(201);
        return order;
    }

    private void backdate(UUID order, String age) {
        execute("UPDATE inventory.reservations SET updated_at = now() - ($2::text)::interval WHERE order_id = $1", Tuple.of(order, age));
    }

    private long rows(UUID order) {
        return single("SELECT count(*) FROM inventory.reservations WHERE order_id = $1", Tuple.of(order)).getLong(0);
    }
}

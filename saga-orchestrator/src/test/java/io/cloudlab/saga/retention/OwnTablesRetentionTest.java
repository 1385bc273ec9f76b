package io.cloudlab.saga.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.cloudlab.support.tenant.TenantTransactions;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
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
 * The archive job deletes sagas that ended over 7 years ago, with their steps; younger ones, and failed ones (an
 * operator's to settle), are kept. Aged sagas are written back-dated.
 */
@QuarkusTest
class OwnTablesRetentionTest {

    final UUID tenant = UUID.randomUUID();

    @Inject
    Pool pool;

    @ConfigProperty(name = "cloudlab.event-store.partitions.own-tables-purge")
    String purge;

    @Test
    void sagasThatEndedOverSevenYearsAgoGoWithTheirStepsOthersStay() {
        UUID aged = saga("completed", "fulfilled", "7 years 1 day");
        UUID younger = saga("completed", "fulfilled", "6 years 364 days");
        UUID failed = saga("failed", null, "9 years");

        PartitionMaintenance.Report report = new PartitionMaintenance(pool, 3, Period.ofYears(10), Optional.of(purge))
                .run().await().atMost(Duration.ofSeconds(120));

        assertTrue(report.ownRowsPurged() >= 1, "at least this test's aged saga: " + report.ownRowsPurged());
        assertEquals(0, count("SELECT count(*) FROM saga.saga_instances WHERE saga_id = $1", aged));
        assertEquals(0, count("SELECT count(*) FROM saga.saga_steps WHERE saga_id = $1", aged));
        assertEquals(1, count("SELECT count(*) FROM saga.saga_instances WHERE saga_id = $1", younger));
        assertEquals(1, count("SELECT count(*) FROM saga.saga_instances WHERE saga_id = $1", failed));
    }

    private UUID saga(String status, String outcome, String endedAgo) {
        UUID saga = UUID.randomUUID();
        TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery("INSERT INTO saga.saga_instances (saga_id, saga_type,"
                        + " status, outcome, current_step, saga_data, tenant_id, order_id, created_at, completed_at)"
                        + " VALUES ($1, 'order_fulfilment', $2, $3, 1, $4, $5, $6, now() - ($7::text)::interval, now() - ($7::text)::interval)")
                .execute(Tuple.from(java.util.Arrays.asList(saga, status, outcome, new JsonObject(), tenant, UUID.randomUUID(), endedAgo)))
                .chain(() -> tx.preparedQuery("INSERT INTO saga.saga_steps (saga_id, step_number, step_type, status, tenant_id)"
                        + " VALUES ($1, 1, 'reserve_stock', 'completed', $2)").execute(Tuple.of(saga, tenant))))
                .await().atMost(Duration.ofSeconds(60));
        return saga;
    }

    private long count(String sql, UUID saga) {
        return TenantTransactions.inTenant(pool, tenant, tx -> tx.preparedQuery(sql).execute(Tuple.of(saga)))
                .await().atMost(Duration.ofSeconds(60)).iterator().next().getLong(0);
    }
}

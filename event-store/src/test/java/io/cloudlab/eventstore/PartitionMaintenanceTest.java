package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.vertx.mutiny.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class PartitionMaintenanceTest extends RealDatabaseTest {

    /**
     * A service role may run maintenance, but no argument makes it delete what retention keeps: before the floors,
     * a negative interval detached every event partition and purged every inbox row and idempotency key.
     */
    @Test
    void aServiceRoleCannotDetachOrPurgeWhatRetentionKeeps() throws Exception {
        long partitions = TestDatabase.scalar("SELECT count(*) FROM pg_inherits WHERE inhparent = 'event_store.events'::regclass");
        long inbox = TestDatabase.scalar("SELECT count(*) FROM event_store.processed_messages");
        for (String attack : List.of("SELECT event_store.detach_expired_partitions(interval '-1 day')",
                "SELECT event_store.detach_expired_partitions(interval '1 month')",
                "SELECT event_store.purge_processed_messages(interval '-1 day')",
                "SELECT event_store.purge_idempotency_keys(interval '-1 day')")) {
            try (Connection c = TestDatabase.serviceConnection(); var st = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(attack), attack);
                assertEquals("22023", refused.getSQLState(), attack + ": " + refused.getMessage());
            }
        }
        assertEquals(partitions, TestDatabase.scalar("SELECT count(*) FROM pg_inherits WHERE inhparent = 'event_store.events'::regclass"),
                "no partition detached");
        assertTrue(TestDatabase.scalar("SELECT count(*) FROM event_store.processed_messages") >= inbox, "no inbox row purged");
    }

    @Test
    void keepsTheComingMonthsReadyAndDetachesExpiredMonthsIntoTheArchiveWithALog() throws Exception {
        PartitionMaintenance maintenance = new PartitionMaintenance(pool, 4, Period.ofYears(10));
        await(maintenance.run());
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int i = 0; i <= 4; i++) {
            String name = "events_" + now.plusMonths(i).toString().replace('-', '_');
            assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'event_store' AND tablename = ?", name), name);
        }
        assertEquals(0, await(maintenance.run()).created().size(), "a second run creates nothing");

        // A month long past retention, with one stream and its event in it (as the owner, inside its tenant: back-dated data).
        // A month no earlier run on this database has logged: the log is kept, so a reused month would count twice.
        YearMonth old;
        String oldName;
        do {
            old = YearMonth.of(1950 + ThreadLocalRandom.current().nextInt(50), 1 + ThreadLocalRandom.current().nextInt(12));
            oldName = "events_" + old.toString().replace('-', '_');
        } while (TestDatabase.scalar("SELECT count(*) FROM event_store.partition_maintenance_log WHERE partition_name = ?", oldName) > 0);
        await(pool.preparedQuery("SELECT event_store.ensure_partition($1)").execute(Tuple.of(old.atDay(1))));
        UUID stream = UUID.randomUUID();
        try (Connection c = TestDatabase.ownerConnection(); var st = c.createStatement()) {
            UUID tenant = UUID.randomUUID();
            st.execute("SET app.current_tenant_id = '" + tenant + "'");
            String created = "'" + old.atDay(15) + " 12:00:00+00'";
            st.execute("INSERT INTO event_store.streams (aggregate_id, aggregate_type, tenant_id, created_at)"
                    + " VALUES ('" + stream + "', 'Order', '" + tenant + "', " + created + ")");
            st.execute("INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,"
                    + " event_data, metadata, tenant_id, stream_created_at) SELECT gen_random_uuid(), aggregate_id,"
                    + " 'Order', 'OrderPlaced', 1, '{}', '{}', tenant_id, created_at FROM event_store.streams"
                    + " WHERE aggregate_id = '" + stream + "'");
        }

        PartitionMaintenance.Report report = await(maintenance.run());

        assertTrue(report.detached().contains(oldName), report.toString());
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'event_store_archive' AND tablename = ?", oldName));
        try (Connection c = TestDatabase.ownerConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM event_store_archive." + oldName + " WHERE aggregate_id = ?")) {
            ps.setObject(1, stream);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getLong(1), "archived, not dropped");
            }
        }
        assertEquals(0, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", stream));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.streams WHERE aggregate_id = ? AND archived_at IS NOT NULL", stream));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.partition_maintenance_log WHERE partition_name = ? AND action = 'created'", oldName));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.partition_maintenance_log WHERE partition_name = ? AND action = 'detached'", oldName));
        assertTrue(LocalDate.now().getYear() - old.getYear() > 10);

        try (Connection c = TestDatabase.ownerConnection(); var st = c.createStatement()) {
            st.execute("DROP TABLE event_store_archive." + oldName);
        }
    }
}

package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static io.cloudlab.eventstore.AppendAndLoadTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.upcasting.Upcasters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Row-level security as a service role and the owner see it, through the API and through hand-written SQL. */
class TenantIsolationTest extends RealDatabaseTest {

    static EventStore store;
    static final UUID TENANT_A = UUID.randomUUID();
    static final UUID TENANT_B = UUID.randomUUID();
    static final UUID STREAM_OF_A = UUID.randomUUID();

    @BeforeAll
    static void start() {
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE);
        await(store.append("TestOrder", STREAM_OF_A, 0, List.of(event("OrderPlaced", 1), event("OrderPaid", 1)),
                EventMetadata.forTenant(TENANT_A)));
    }


    @Test
    void theApiShowsAStreamOnlyToItsTenant() {
        assertEquals(2, await(store.load(TENANT_A, STREAM_OF_A)).events().size());
        assertFalse(await(store.load(TENANT_B, STREAM_OF_A)).exists());
    }

    @Test
    void handWrittenSqlAsTheServiceRoleSeesOnlyTheTenantSetForItsTransaction() throws SQLException {
        try (Connection c = TestDatabase.serviceConnection()) {
            c.setAutoCommit(false);
            assertEquals(2, countAs(c, TENANT_A, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(1, countAs(c, TENANT_A, "SELECT count(*) FROM event_store.streams WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, TENANT_B, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, TENANT_B, "SELECT count(*) FROM event_store.streams WHERE aggregate_id = ?"));
            // No tenant set (a forgotten set_config): nothing at all, not everything.
            assertEquals(0, countAs(c, null, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, null, "SELECT count(*) FROM event_store.events WHERE aggregate_id <> ?"));
        }
    }

    @Test
    void theOwnerTooSeesOnlyTheTenantSetForItsTransaction() throws SQLException {
        try (Connection c = TestDatabase.ownerConnection()) {
            c.setAutoCommit(false);
            assertEquals(2, countAs(c, TENANT_A, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, TENANT_B, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, null, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
            assertEquals(0, countAs(c, null, "SELECT count(*) FROM event_store.streams WHERE aggregate_id = ?"));
            setTenant(c, TENANT_B);
            SQLException smuggled = assertThrows(SQLException.class, () -> execute(c,
                    "INSERT INTO event_store.streams (aggregate_id, aggregate_type, tenant_id)"
                            + " VALUES (gen_random_uuid(), 'Order', '" + TENANT_A + "')"));
            assertTrue(smuggled.getMessage().contains("row-level security"), smuggled.getMessage());
            c.rollback();
        }
        // What crosses tenants does so as the platform role, which the owner may become explicitly.
        try (Connection c = TestDatabase.platformConnection()) {
            c.setAutoCommit(false);
            assertEquals(2, countAs(c, null, "SELECT count(*) FROM event_store.events WHERE aggregate_id = ?"));
        }
    }

    @Test
    void everyTableUnderRowLevelSecurityBindsItsOwnerAndOnlyThePlatformRoleBypassesIt() throws SQLException {
        try (Connection c = TestDatabase.ownerConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(c.oid::regclass::text, ', ' ORDER BY 1)"
                        + " FILTER (WHERE NOT c.relforcerowsecurity), count(*) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'event_store' AND c.relrowsecurity")) {
            rs.next();
            assertEquals(null, rs.getString(1), "tables whose owner bypasses row-level security");
            assertTrue(rs.getLong(2) >= 5, "the event store's tenant tables: " + rs.getLong(2));
        }
        try (Connection c = TestDatabase.ownerConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(rolname, ', ' ORDER BY rolname) FROM pg_roles"
                        + " WHERE rolbypassrls AND NOT rolsuper")) {
            rs.next();
            assertEquals("cloudlab_platform", rs.getString(1), "roles that bypass row-level security");
        }
    }

    @Test
    void aServiceCannotWriteIntoAnotherTenantNorReachPartitionsNorChangeEvents() throws SQLException {
        try (Connection c = TestDatabase.serviceConnection()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_B);
            SQLException smuggled = assertThrows(SQLException.class, () -> execute(c,
                    "INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,"
                            + " event_data, metadata, tenant_id, stream_created_at)"
                            + " VALUES (gen_random_uuid(), '" + STREAM_OF_A + "', 'Order', 'Forged', 3, '{}', '{}',"
                            + " '" + TENANT_A + "', now())"));
            assertTrue(smuggled.getMessage().contains("row-level security"), smuggled.getMessage());
            c.rollback();

            String partition = "event_store.events_" + java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                    .toString().replace('-', '_');
            SQLException direct = assertThrows(SQLException.class, () -> execute(c, "SELECT count(*) FROM " + partition));
            assertTrue(direct.getMessage().contains("permission denied"), direct.getMessage());
            c.rollback();

            setTenant(c, TENANT_A);
            SQLException rewrite = assertThrows(SQLException.class,
                    () -> execute(c, "UPDATE event_store.events SET event_data = '{}' WHERE aggregate_id = '" + STREAM_OF_A + "'"));
            assertTrue(rewrite.getMessage().contains("permission denied"), rewrite.getMessage());
            c.rollback();
        }
    }

    private static long countAs(Connection c, UUID tenant, String sql) throws SQLException {
        if (tenant != null) setTenant(c, tenant);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, STREAM_OF_A);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            c.rollback();
        }
    }

    private static void setTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

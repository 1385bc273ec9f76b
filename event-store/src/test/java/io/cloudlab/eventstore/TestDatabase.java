package io.cloudlab.eventstore;

import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import org.flywaydb.core.Flyway;

/**
 * The real PostgreSQL that deploy/local/up started, test database cloudlab_test: migrated once per JVM
 * as the owner, then used as a service role (order_service), which owns nothing, so RLS applies.
 */
public final class TestDatabase {

    static final String HOST = env("PG_HOST", "localhost");
    static final int PORT = Integer.parseInt(env("PG_PORT", "5432"));
    static final String DATABASE = env("PG_TEST_DATABASE", "cloudlab_test");
    static final String OWNER = env("DB_MIGRATOR_USER", "cloudlab_owner");
    static final String OWNER_PASSWORD = env("DB_MIGRATOR_PASSWORD", "cloudlab_owner_dev");
    static final String SERVICE = "order_service";
    static final String SERVICE_PASSWORD = env("ORDER_SERVICE_PASSWORD", "order_service_dev");
    /** A fixed test key-encryption key; real ones come from configuration (a Secret). */
    public static final byte[] TEST_KEK = Base64.getDecoder().decode("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=");
    public static final io.cloudlab.eventstore.pii.KeyEncryptionKeys TEST_KEKS =
            io.cloudlab.eventstore.pii.KeyEncryptionKeys.single("test", TEST_KEK);

    private static boolean migrated;

    static {
        // Outside Quarkus, SmallRye Context Propagation sets itself up lazily on first use, and two event
        // loops racing there fail with "ContextManagerProvider already set". Quarkus does it at boot; here
        // the first test class does it, on one thread.
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
    }

    private TestDatabase() {}

    public static synchronized void migrate() {
        if (migrated) return;
        Flyway.configure()
                .dataSource(jdbcUrl(), OWNER, OWNER_PASSWORD)
                .schemas("event_store")
                .locations("classpath:db/event-store")
                .load()
                .migrate();
        migrated = true;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
    }

    /**
     * A connection as the owner: DDL, back-dated data. Row-level security is FORCEd, so the owner sees and
     * writes only the tenant its transaction entered (app.current_tenant_id).
     */
    public static Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), OWNER, OWNER_PASSWORD);
    }

    /** A connection as the platform role (BYPASSRLS, read-only here): every tenant's rows, for checking what was stored. */
    public static Connection platformConnection() throws SQLException {
        Connection c = ownerConnection();
        try (var st = c.createStatement()) {
            st.execute("SET ROLE cloudlab_platform");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public static Connection serviceConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SERVICE, SERVICE_PASSWORD);
    }

    public static PgConnectOptions serviceConnectOptions() {
        return new PgConnectOptions().setHost(HOST).setPort(PORT).setDatabase(DATABASE)
                .setUser(SERVICE).setPassword(SERVICE_PASSWORD).setCachePreparedStatements(true);
    }

    public static Pool servicePool(Vertx vertx, int size) {
        migrate();
        return Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size))
                .connectingTo(serviceConnectOptions())
                .using(vertx.getDelegate())
                .build());
    }

    public static PersonalDataCodec personalData(Pool pool) {
        return new PersonalDataCodec(new SubjectKeys(pool, TEST_KEKS));
    }

    public static EventStore eventStore(Pool pool, EventStoreOptions options, Upcasters upcasters) {
        return new EventStore(pool, options, upcasters, personalData(pool));
    }

    /** One number, read across tenants (as the platform role). */
    public static long scalar(String sql, Object... args) throws SQLException {
        try (Connection c = platformConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static java.sql.Array uuidArray(java.util.List<java.util.UUID> ids) throws SQLException {
        try (Connection c = ownerConnection()) {
            return c.createArrayOf("uuid", ids.toArray());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

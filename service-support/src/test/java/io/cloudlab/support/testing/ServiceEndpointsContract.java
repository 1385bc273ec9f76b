package io.cloudlab.support.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every CloudLab service answers from its first day: readiness that really checks PostgreSQL, Kafka
 * and Redis, liveness, its OpenAPI document, Prometheus metrics, and its own schema migrated by the owner
 * role while it runs as a role that owns nothing. Each service runs this contract as a {@code @QuarkusTest}
 * against the infrastructure that {@code deploy/local/up} started.
 */
public abstract class ServiceEndpointsContract {

    private final String openApiTitle;
    private final String schema;

    @Inject
    Pool pool;

    protected ServiceEndpointsContract(String openApiTitle, String schema) {
        this.openApiTitle = openApiTitle;
        this.schema = schema;
    }

    @Test
    void readinessChecksPostgresKafkaAndRedis() {
        given().when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name ==~ /.*PostgreSQL.*/ }.status", is("UP"))
                .body("checks.find { it.name == 'Kafka broker' }.status", is("UP"))
                .body("checks.find { it.name == 'Kafka broker' }.data.nodes", containsString(":"))
                .body("checks.find { it.name ==~ /Redis.*/ }.status", is("UP"));
    }

    /** A token names the services it is for (aud): one for the other services, or for none, opens nothing here. */
    @Test
    void acceptsOnlyTokensThatNameThisService() {
        String self = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        List<String> others = TestTokens.PLATFORM.stream().filter(s -> !s.equals(self)).toList();
        UUID tenant = TestTokens.PLATFORM_TENANT;
        given().header("Authorization", "Bearer " + TestTokens.forAudience(List.of(self), tenant, "op", "operator"))
                .get("/admin/database").then().statusCode(200);
        for (List<String> audience : List.of(others, List.<String>of())) {
            given().header("Authorization", "Bearer " + TestTokens.forAudience(audience, tenant, "op", "operator"))
                    .get("/admin/database").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"));
        }
    }

    /** The rotation's rewrap: a platform operator's, never a tenant admin's. */
    @Test
    void rewrapsSubjectKeysForAPlatformOperatorOnly() {
        given().header("Authorization", "Bearer " + TestTokens.operator()).post("/admin/personal-data/rewrap")
                .then().statusCode(200).body("active_kek_id", is("1"));
        given().header("Authorization", "Bearer " + TestTokens.token(UUID.randomUUID(), "a", "admin"))
                .post("/admin/personal-data/rewrap").then().statusCode(403);
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", is(openApiTitle));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void exportsPrometheusMetricsIncludingTheDatabasePool() {
        given().when().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                // Pool use is one of seed 000's alert figures (over 80% of the pool).
                .body(containsString("sql_pool_idle{pool_name="));
    }

    @Test
    void migratesItsOwnSchemaButRunsAsARoleThatCannotChangeIt() {
        Row history = querySingle(
                "SELECT count(*) FILTER (WHERE success) AS applied, count(*) FILTER (WHERE NOT success) AS failed"
                        + " FROM " + schema + ".flyway_schema_history WHERE type = 'SQL'");
        assertTrue(history.getLong("applied") >= 2, "versioned and repeatable migrations applied");
        assertEquals(0L, history.getLong("failed"));

        Row rights = querySingle(
                "SELECT current_user AS role,"
                        + " has_schema_privilege(current_user, $1, 'USAGE') AS can_use,"
                        + " has_schema_privilege(current_user, $1, 'CREATE') AS can_create,"
                        + " (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = $1) AS owner",
                Tuple.of(schema));
        assertTrue(rights.getBoolean("can_use"), "service role may use its schema");
        assertFalse(rights.getBoolean("can_create"), "service role must not create objects in its schema");
        assertFalse(rights.getString("owner").equals(rights.getString("role")), "service role must not own its schema");
    }

    @Test
    void migratesTheEventStoreAndKeepsItsComingMonthsPartitioned() {
        Row partitions = querySingle("SELECT count(*) AS ready FROM pg_tables WHERE schemaname = 'event_store'"
                + " AND tablename >= 'events_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')"
                + " AND tablename ~ '^events_[0-9]{4}_[0-9]{2}$'");
        assertTrue(partitions.getLong("ready") >= 4, "this month and at least three ahead");
        Row append = querySingle("SELECT has_function_privilege(current_user,"
                + " 'event_store.append_events(uuid,text,uuid,integer,uuid[],text[],integer[],jsonb[],jsonb)', 'EXECUTE') AS may");
        assertTrue(append.getBoolean("may"), "the service role may append");
    }

    private Row querySingle(String sql) {
        return querySingle(sql, Tuple.tuple());
    }

    private Row querySingle(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(120)).iterator().next();
    }
}

package io.cloudlab.order.tenant;

import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** orders.tenants: the platform's shops. Platform data, read and written across tenants by operators only. */
@ApplicationScoped
public class TenantRegistry {

    private static final String COLUMNS = "tenant_id, tenant_name, status, default_currency, settings, status_reason,"
            + " created_at, updated_at";

    @Inject
    Pool pool;

    /** A new active shop; {@code tenantId} null: a new id. 409 tenant-exists when the id or the name is taken. */
    public Uni<Tenant> create(UUID tenantId, String name, String currency, Map<String, Object> settings) {
        return pool.preparedQuery("INSERT INTO orders.tenants (tenant_id, tenant_name, default_currency, settings)"
                        + " VALUES (coalesce($1, gen_random_uuid()), $2, $3, $4) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(tenantId, name, currency, new JsonObject(settings == null ? Map.of() : settings))))
                .map(rows -> tenant(rows.iterator().next()))
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())).transform(e -> {
                    boolean nameTaken = e.getMessage().contains("tenant_name");
                    return new ProblemException(Problem.of(409, "tenant-exists", "Conflict",
                            nameTaken ? "a tenant named " + name + " exists" : "tenant " + tenantId + " exists")
                            .field(nameTaken ? "tenant_name" : "tenant_id"));
                });
    }

    public Uni<List<Tenant>> all(String status) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM orders.tenants WHERE ($1::text IS NULL OR status = $1)"
                        + " ORDER BY created_at, tenant_id LIMIT 1000")
                .execute(Tuple.of(status))
                .map(rows -> {
                    List<Tenant> tenants = new ArrayList<>();
                    for (Row row : rows) tenants.add(tenant(row));
                    return tenants;
                });
    }

    public Uni<Optional<Tenant>> find(UUID tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM orders.tenants WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(tenant(rows.iterator().next())));
    }

    /** Suspends or resumes; the same status again changes nothing but the reason. 404 for no such tenant. */
    public Uni<Tenant> setStatus(UUID tenantId, String status, String reason) {
        return pool.preparedQuery("UPDATE orders.tenants SET status = $2, status_reason = $3, updated_at = now()"
                        + " WHERE tenant_id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, status, reason))
                .map(rows -> {
                    if (rows.size() == 0) throw ProblemException.notFound("tenant " + tenantId);
                    return tenant(rows.iterator().next());
                });
    }

    private static Tenant tenant(Row r) {
        Object settings = r.getValue("settings");
        JsonObject json = settings instanceof JsonObject o ? o : new JsonObject(String.valueOf(settings));
        return new Tenant(r.getUUID("tenant_id"), r.getString("tenant_name"), r.getString("status"),
                r.getString("default_currency"), json.getMap(), r.getString("status_reason"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}

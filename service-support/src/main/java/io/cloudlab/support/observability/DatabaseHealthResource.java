package io.cloudlab.support.observability;

import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operators' view of the database's health; every service answers it for the database it uses. The
 * database serves every tenant (its slow statements and sessions are anyone's): platform operators only.
 */
@Path("/admin/database")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Database health (operator)")
public class DatabaseHealthResource {

    private final DatabaseHealth health;

    DatabaseHealthResource(DatabaseHealth health) {
        this.health = health;
    }

    @GET
    @Operation(summary = "Seed 001's health checks with seed 000's thresholds",
            description = "connections, long-running queries, blocked sessions, oldest transaction, slow statements, replication lag, size")
    public Uni<DatabaseHealth.Report> report() {
        return health.report();
    }
}

package io.cloudlab.order.tenant;

import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.cloudlab.support.tenant.SuspendedTenants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The tenant registry for platform operators: create a shop, suspend it (every service then refuses its tokens
 * with 403 tenant-suspended, within cloudlab.tenants.refresh) and resume it. Suspending and resuming are operator
 * actions in the security audit log, with the reason. A shop's admin reads its own record.
 */
@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants (operator)")
public class TenantsResource {

    public record NewTenant(UUID tenantId, @NotBlank @Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String tenantName,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String defaultCurrency,
            Map<String, Object> settings) {}

    public record Reason(@NotBlank @Size(max = 500) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String reason) {}

    public record Page(List<Tenant> tenants) {}

    @Inject
    Caller caller;

    @Inject
    TenantRegistry registry;

    @Inject
    SecurityAudit audit;

    @POST
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Create a tenant (a shop)", description = "Active from the start; tenant_id to register a shop that already has one")
    public Uni<Response> create(@NotNull @Valid NewTenant body) {
        return registry.create(body.tenantId(), body.tenantName(), body.defaultCurrency(), body.settings())
                .map(t -> Response.created(URI.create("/tenants/" + t.tenantId())).entity(t).build());
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Every tenant, oldest first; status=suspended for the suspended ones")
    public Uni<Page> list(@RestQuery @Pattern(regexp = "active|suspended", message = "must be active or suspended") String status) {
        return registry.all(status).map(Page::new);
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(summary = "One tenant: an operator's any, a shop's admin their own (404 otherwise)")
    public Uni<Tenant> one(@RestPath UUID tenantId) {
        if (!caller.isOperator() && !tenantId.equals(caller.tenantId())) throw ProblemException.notFound("tenant " + tenantId);
        return registry.find(tenantId).map(t -> t.orElseThrow(() -> ProblemException.notFound("tenant " + tenantId)));
    }

    @POST
    @Path("/{tenantId}/suspend")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Suspend a tenant: its tokens are refused by every service until it is resumed")
    public Uni<Tenant> suspend(@RestPath UUID tenantId, @NotNull @Valid Reason body) {
        return status(tenantId, Tenant.SUSPENDED, body.reason());
    }

    @POST
    @Path("/{tenantId}/resume")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Resume a suspended tenant")
    public Uni<Tenant> resume(@RestPath UUID tenantId, @NotNull @Valid Reason body) {
        return status(tenantId, Tenant.ACTIVE, body.reason());
    }

    private Uni<Tenant> status(UUID tenantId, String status, String reason) {
        if (SuspendedTenants.PLATFORM.equals(tenantId)) {
            throw ProblemException.conflict("platform-tenant", "the platform's own tenant is not a shop: it cannot be suspended");
        }
        String action = Tenant.SUSPENDED.equals(status) ? "tenant.suspend" : "tenant.resume";
        return audit.action(caller, action, tenantId, tenantId.toString(), reason, () -> registry.setStatus(tenantId, status, reason));
    }
}

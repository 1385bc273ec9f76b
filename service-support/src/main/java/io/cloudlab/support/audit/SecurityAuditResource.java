package io.cloudlab.support.audit;

import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The security audit log of the whole platform (every service writes to it), for platform operators. */
@Path("/admin/security-audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Security audit (operator)")
public class SecurityAuditResource {

    public record Page(List<SecurityAudit.Entry> records) {}

    private final SecurityAudit audit;

    SecurityAuditResource(SecurityAudit audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Authentication failures, authorization refusals and operator actions, newest first")
    public Uni<Page> newest(@RestQuery("tenant_id") UUID tenantId,
            @RestQuery @Pattern(regexp = "[a-z.-]{1,100}", message = "must be an action, such as saga.retry") String action,
            @RestQuery @Pattern(regexp = "[^\\x00]{1,255}", message = "must be 1 to 255 characters") String actor,
            @RestQuery @Min(1) @Max(500) Integer limit) {
        return audit.newest(tenantId, action, actor, limit == null ? 100 : limit).map(Page::new);
    }
}

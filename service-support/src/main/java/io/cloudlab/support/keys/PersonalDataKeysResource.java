package io.cloudlab.support.keys;

import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The second step of rotating the event store's key-encryption key (docs/operations.md, "Security model"): with
 * the new key active and the old one still configured as previous, moves every subject key under the new one. Any
 * one instance of any service does it for the whole store; running it again is harmless.
 */
@Path("/admin/personal-data/rewrap")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Personal data keys (operator)")
public class PersonalDataKeysResource {

    private final SubjectKeys keys;
    private final SecurityAudit audit;
    private final Caller caller;

    PersonalDataKeysResource(SubjectKeys keys, SecurityAudit audit, Caller caller) {
        this.keys = keys;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Rewrap every subject key under the active key-encryption key",
            description = "unopened counts keys no configured key opens: keep their key configured and run it again")
    public Uni<SubjectKeys.Rewrap> rewrap() {
        return audit.action(caller, "personal-data.rewrap", null, "subject keys", null, keys::rewrapAll);
    }
}

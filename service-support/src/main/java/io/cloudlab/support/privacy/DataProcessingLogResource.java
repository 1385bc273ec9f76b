package io.cloudlab.support.privacy;

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

/** The data-processing log of the whole platform (every service writes to it), for platform operators. */
@Path("/admin/data-processing-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Data rights (operator)")
public class DataProcessingLogResource {

    public record Page(List<DataProcessingLog.Entry> records) {}

    private final DataProcessingLog log;

    DataProcessingLogResource(DataProcessingLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Exports and erasures of customers' data, newest first")
    public Uni<Page> newest(@RestQuery("tenant_id") UUID tenantId,
            @RestQuery("subject_id") @Pattern(regexp = "[^\\x00]{1,255}", message = "must be 1 to 255 characters") String subjectId,
            @RestQuery @Pattern(regexp = "export|erasure", message = "must be export or erasure") String activity,
            @RestQuery @Min(1) @Max(500) Integer limit) {
        return log.newest(tenantId, subjectId, activity, limit == null ? 100 : limit).map(Page::new);
    }
}

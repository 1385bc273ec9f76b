package io.cloudlab.order.privacy;

import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A customer's data rights (GDPR): their data exported, by them or by support on their behalf; and erased, at their
 * request, by support.
 */
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data rights")
public class CustomerDataResource {

    @Inject
    Caller caller;

    @Inject
    CustomerDataExport export;

    @Inject
    CustomerErasure erasure;

    @Inject
    SecurityAudit audit;

    /** Why: the customer's request as support received it (a ticket, say), for the audit log. */
    public record ErasureRequest(@NotBlank @Size(max = 500) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String reason) {}

    @GET
    @Path("/me/data")
    @RolesAllowed(Caller.CUSTOMER)
    @Operation(summary = "Everything the platform holds of me",
            description = "Orders with their lines and shipping addresses, payments, and payment methods (masked), read from the services' own data")
    @APIResponse(responseCode = "200", description = "The export; recorded in the data-processing log")
    @APIResponse(responseCode = "503", description = "payment-service did not answer: nothing was exported")
    public Uni<CustomerDataExport.Document> mine(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return export.export(caller.tenantId(), caller.userId(), caller.userId(), caller.userId(), authorization);
    }

    @GET
    @Path("/{customerId}/data")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Staff: a customer's data, exported on their behalf",
            description = "What the customer would get; the log records the customer as who asked and the caller as who carried it out")
    public Uni<CustomerDataExport.Document> onBehalf(@RestPath String customerId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        validate(customerId);
        return export.export(caller.tenantId(), customerId, customerId, caller.userId(), authorization);
    }

    @POST
    @Path("/{customerId}/erasure")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Staff: erase a customer's personal data at their request",
            description = "Shreds their key (addresses and card digits in events), rewrites their order views, deletes stored responses,"
                    + " their id in analytics and their card details in payment-service; amounts stay. Recorded in the data-processing"
                    + " and security audit logs. Running it again is harmless, and finishes one that failed")
    @APIResponse(responseCode = "200", description = "Erased: what was changed where")
    @APIResponse(responseCode = "503", description = "A part could not be reached: what was done is logged, run it again")
    public Uni<CustomerErasure.Report> erase(@RestPath String customerId, @Valid @NotNull ErasureRequest body,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        validate(customerId);
        return audit.action(caller, "customer.erase", caller.tenantId(), customerId, body.reason(),
                () -> erasure.erase(caller.tenantId(), customerId, caller.userId(), authorization));
    }

    private static void validate(String customerId) {
        if (customerId.isBlank() || customerId.length() > 255 || customerId.indexOf('\0') >= 0 || "me".equals(customerId)) {
            throw ProblemException.badRequest("customer_id", "must be a customer id of 1 to 255 characters");
        }
    }
}

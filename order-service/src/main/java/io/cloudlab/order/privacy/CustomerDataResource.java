package io.cloudlab.order.privacy;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** A customer's data, exported (GDPR): by the customer, or by support on their behalf. */
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data rights")
public class CustomerDataResource {

    @Inject
    Caller caller;

    @Inject
    CustomerDataExport export;

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
        if (customerId.isBlank() || customerId.length() > 255 || customerId.indexOf('\0') >= 0 || "me".equals(customerId)) {
            throw ProblemException.badRequest("customer_id", "must be a customer id of 1 to 255 characters");
        }
        return export.export(caller.tenantId(), customerId, customerId, caller.userId(), authorization);
    }
}

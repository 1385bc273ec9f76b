package io.cloudlab.order.story;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** An order's whole story, for the operator console: the shop's staff see their shop's, platform operators any. */
@Path("/admin/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders (staff)")
public class OrderStoryResource {

    @Inject
    Caller caller;

    @Inject
    OrderStory story;

    @GET
    @Path("/{reference}")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.OPERATOR})
    @Operation(summary = "One order, found by id or number: its events in stream order and what each read model holds of it",
            description = "Personal fields (the shipping address) are shown to the shop's admin and support; a platform operator sees them withheld")
    public Uni<OrderStory.Story> of(@RestPath String reference) {
        if (reference.isBlank() || reference.length() > 100 || reference.indexOf('\0') >= 0) {
            throw ProblemException.badRequest("reference", "must be an order id or number");
        }
        boolean operator = caller.isOperator();
        return story.of(operator ? null : caller.tenantId(), reference.trim(), !operator && caller.isStaff());
    }
}

package io.cloudlab.order.privacy;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * payment-service's part of a customer's data ({@code GET /customers/{id}/payment-data}, and its erasure), asked with the
 * caller's own token: payment-service applies its own rules to it, and order-service keeps no copy of them.
 */
@Path("/customers")
@RegisterRestClient(configKey = "payment-service")
public interface PaymentDataClient {

    /** The JSON document as payment-service answers it (asked for as JSON: it answers nothing else). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Path("/{customerId}/payment-data")
    Uni<String> of(@PathParam("customerId") String customerId, @HeaderParam("Authorization") String authorization);

    /** Its part of an erasure; the JSON answer counts what changed. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Path("/{customerId}/payment-data/erasure")
    Uni<String> erase(@PathParam("customerId") String customerId, @HeaderParam("Authorization") String authorization);
}

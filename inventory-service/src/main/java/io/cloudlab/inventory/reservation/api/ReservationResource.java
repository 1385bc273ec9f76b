package io.cloudlab.inventory.reservation.api;

import io.cloudlab.support.observability.Traceparent;
import static io.cloudlab.support.security.Caller.ADMIN;
import static io.cloudlab.support.security.Caller.SUPPORT;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.inventory.reservation.domain.ReservationLine;
import io.cloudlab.inventory.reservation.store.ReservationRepository;
import io.cloudlab.support.metrics.CommandMetrics;
import io.cloudlab.support.idempotency.IdempotentCommands;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stock held for orders; used by the order-fulfilment saga (admin role). */
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reservations")
public class ReservationResource {

    @Inject
    Caller caller;

    @Inject
    IdempotentCommands commands;

    @Inject
    ReservationRepository reservations;

    @Inject
    CommandMetrics metrics;

    @POST
    @RolesAllowed(ADMIN)
    @Operation(summary = "Reserve every line of an order, or none")
    @APIResponse(responseCode = "201", description = "All lines reserved; Location names the reservation",
            content = @Content(schema = @Schema(implementation = ReservationBodies.ReservationView.class)))
    @APIResponse(responseCode = "409", description = "insufficient-stock (field names the first line short of stock;"
            + " nothing reserved) or reservation-exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "unknown-product or product-retired (field names the line)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> reserve(
            @Parameter(required = true, example = "order-0b5e7c0e-reserve") @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent,
            @Valid @NotNull ReservationBodies.ReserveStock body) {
        List<ReservationLine> lines = lines(body);
        return metrics.timed("reserve_stock", () -> commands.run(caller, "POST /reservations", key, body, keyed ->
                        reservations.reserve(metadata(traceparent, body.orderId()), body.orderId(), lines, keyed::eventId)
                                .map(reserved -> Response.created(URI.create("/reservations/" + body.orderId()))
                                        .entity(ReservationBodies.ReservationView.of(reserved)).build())));
    }

    @POST
    @Path("/{orderId}/release")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(ADMIN)
    @Operation(summary = "Give the order's units back to the stock; repeating it changes nothing")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReservationBodies.ReservationView.class)))
    @APIResponse(responseCode = "409", description = "reservation-committed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No reservation for this order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ReservationBodies.ReservationView> release(@PathParam("orderId") UUID orderId,
            @HeaderParam("traceparent") String traceparent) {
        return metrics.timed("release_stock", () -> reservations.release(metadata(traceparent, orderId), orderId))
                .map(ReservationBodies.ReservationView::of);
    }

    @POST
    @Path("/{orderId}/commit")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(ADMIN)
    @Operation(summary = "The order is sold: its units leave the stock; repeating it changes nothing")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReservationBodies.ReservationView.class)))
    @APIResponse(responseCode = "409", description = "reservation-released or reservation-expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No reservation for this order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ReservationBodies.ReservationView> commit(@PathParam("orderId") UUID orderId,
            @HeaderParam("traceparent") String traceparent) {
        return metrics.timed("commit_stock", () -> reservations.commit(metadata(traceparent, orderId), orderId))
                .map(ReservationBodies.ReservationView::of);
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({ADMIN, SUPPORT})
    @Operation(summary = "The order's reservation")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReservationBodies.ReservationView.class)))
    @APIResponse(responseCode = "404", description = "No reservation for this order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ReservationBodies.ReservationView> get(@PathParam("orderId") UUID orderId) {
        return reservations.find(caller.tenantId(), orderId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("reservation of order " + orderId))
                .map(ReservationBodies.ReservationView::of);
    }

    /** A product on two lines would be reserved twice under one row: refused, naming the second line. */
    private static List<ReservationLine> lines(ReservationBodies.ReserveStock body) {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < body.lines().size(); i++) {
            if (!seen.add(body.lines().get(i).productId())) {
                throw ProblemException.badRequest("lines[" + i + "].product_id",
                        "lines[" + i + "].product_id repeats an earlier line; put the whole quantity on one line");
            }
        }
        return body.lines().stream().map(l -> new ReservationLine(l.productId(), l.quantity())).toList();
    }

    /** The order id is the correlation id: every event of one order's flow can be found by it. */
    private EventMetadata metadata(String traceparent, UUID orderId) {
        return new EventMetadata(caller.tenantId(), orderId, null, caller.userId(), Traceparent.current(traceparent));
    }
}

package io.cloudlab.order.order.api;

import io.cloudlab.order.admission.OrderAdmission;
import io.cloudlab.support.observability.Traceparent;
import io.cloudlab.order.view.ConsistencyToken;
import io.cloudlab.order.view.OrderDocument;
import io.cloudlab.order.view.OrderViewFold;
import io.cloudlab.order.view.OrderViews;
import io.cloudlab.readmodels.redis.Tier;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.order.history.OrderHistory;
import io.cloudlab.order.history.OrderPage;
import io.cloudlab.order.order.domain.Order;
import io.cloudlab.order.order.domain.OrderCommand;
import io.cloudlab.order.order.domain.OrderState;
import io.cloudlab.order.order.domain.OrderEvent;
import io.cloudlab.order.order.domain.ShippingAddress;
import io.cloudlab.order.order.store.Orders;
import io.cloudlab.order.order.store.StoredOrder;
import io.cloudlab.support.idempotency.IdempotentCommands;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The storefront's order API and the staff's fulfilment endpoints. Thin: it checks who may do what,
 * hands the command to the Order aggregate under the request's Idempotency-Key, and answers with the order.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrdersResource {

    private static final String KEY = IdempotentCommands.HEADER;

    @Inject
    Caller caller;

    @Inject
    Orders orders;

    @Inject
    OrderViews views;

    @Inject
    IdempotentCommands commands;

    @Inject
    io.cloudlab.support.metrics.CommandMetrics metrics;

    @Inject
    OrderAdmission admission;

    @POST
    @RolesAllowed(Caller.CUSTOMER)
    @Operation(summary = "Place an order", description = "Prices come from the catalogue; the order starts pending_payment.")
    @APIResponse(responseCode = "201", description = "Placed; Location names the order")
    @APIResponse(responseCode = "422", description = "Unknown or retired product, currency not the catalogue's")
    @APIResponse(responseCode = "503", description = "Too many orders in flight: nothing was written, retry after Retry-After seconds (with the same Idempotency-Key)")
    public Uni<Response> place(@RestHeader(KEY) String key, @RestHeader("traceparent") String traceparent,
            @NotNull @Valid PlaceOrderRequest request) {
        return admission.refusal(caller.tenantId()).chain(refused -> refused != null ? Uni.createFrom().item(refused) : metrics.timed("place", commands.run(caller, "POST /orders", key, request, keyed -> {
            UUID orderId = keyed.eventId(0);
            PlaceOrderRequest.Address a = request.shippingAddress();
            Orders.Placement placement = new Orders.Placement(caller.userId(), request.currency(), request.paymentMethod(),
                    request.paymentMethodId(), request.items().stream()
                            .map(i -> new Orders.Requested(i.productId(), i.quantity())).toList(),
                    new ShippingAddress(a.recipient(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country()));
            return orders.place(orderId, keyed.eventId(1), placement, metadata(traceparent))
                    .chain(() -> orders.load(caller.tenantId(), orderId))
                    .map(stored -> Response.created(URI.create("/orders/" + orderId)).entity(OrderViewFold.fold(stored.history()).view())
                            .header(ConsistencyToken.HEADER, new ConsistencyToken(orderId, stored.version())).build());
        })));
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "One order with its lines and timeline", description = "A customer sees only its own orders (404 otherwise).")
    @APIResponse(responseCode = "200", description = "The order; X-Read-Tier says which tier answered (memory, redis, postgres)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> get(@RestPath UUID orderId, @RestHeader(ConsistencyToken.HEADER) String tokenHeader,
            @Parameter(description = "a consistency token a command answered: read at least what it wrote") @RestQuery String after) {
        ConsistencyToken token = token(tokenHeader, after);
        return views.order(caller.tenantId(), orderId, token).map(read -> {
            OrderDocument order = read.value();
            if (order == null || !order.visibleTo(caller.tenantId(), caller.userId(), caller.isStaff())) {
                throw ProblemException.notFound("order " + orderId);
            }
            return Response.ok(order.view()).header(Tier.HEADER, read.tier().toString()).build();
        });
    }

    @GET
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "The caller's orders, newest first", description = "Cursor paging: pass next_cursor back as cursor. Staff may list one customer's orders.")
    @APIResponse(responseCode = "200", description = "A page of orders; X-Read-Tier says which tier answered",
            content = @Content(schema = @Schema(implementation = OrderPage.class)))
    public Uni<Response> list(@RestQuery String cursor,
            @RestQuery @Min(1) @Max(OrderHistory.MAX_LIMIT) Integer limit,
            @Parameter(in = ParameterIn.QUERY, description = "staff only") @RestQuery("customer_id") String customerId,
            @RestHeader(ConsistencyToken.HEADER) String tokenHeader,
            @Parameter(description = "a consistency token a command answered: list at least what it wrote") @RestQuery String after) {
        String customer = caller.isStaff() && customerId != null ? customerId : caller.userId();
        return views.page(caller.tenantId(), customer, cursor, limit == null ? OrderHistory.DEFAULT_LIMIT : limit,
                        token(tokenHeader, after))
                .map(read -> Response.ok(read.value()).header(Tier.HEADER, read.tier().toString()).build());
    }

    private static ConsistencyToken token(String header, String query) {
        return query != null ? ConsistencyToken.parse(query, "after") : ConsistencyToken.parse(header, ConsistencyToken.HEADER);
    }

    @POST
    @Path("/{orderId}/cancel")
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Cancel an order before it ships",
            description = "Before payment the order is cancelled at once (200). Once paid, and until it ships, a"
                    + " cancellation saga gives the money and the units back and then ends the order cancelled: the"
                    + " answer is 202, the order's cancellation names the saga (GET /sagas/{id}) and its progress.")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "202", description = "Paid: the cancellation is under way")
    @APIResponse(responseCode = "409", description = "Already shipped, a refund under way (or changed by another request meanwhile)")
    public Uni<Response> cancel(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent, @Valid Requests.Cancel body) {
        String reason = body == null || body.reason() == null ? "cancelled by the customer" : body.reason();
        return change("cancel", orderId, key, traceparent, body,
                keyed -> new OrderCommand.CancelOrder(reason, caller.userId(), keyed.eventId(0)));
    }

    @POST
    @Path("/{orderId}/confirm-payment")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Mark an order paid (the saga does this when the payment is authorized)")
    public Uni<Response> confirmPayment(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent, @NotNull @Valid Requests.ConfirmPayment body) {
        return change("confirm-payment", orderId, key, traceparent, body,
                keyed -> new OrderCommand.ConfirmPayment(body.paymentId(), body.value()));
    }

    @POST
    @Path("/{orderId}/reject")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Reject an unpaid order (no stock, payment declined)")
    public Uni<Response> reject(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent, @NotNull @Valid Requests.Reject body) {
        return change("reject", orderId, key, traceparent, body, keyed -> new OrderCommand.RejectOrder(body.reason()));
    }

    @POST
    @Path("/{orderId}/start-processing")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Staff: start fulfilling a paid order")
    public Uni<Response> startProcessing(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent) {
        return change("start-processing", orderId, key, traceparent, null, keyed -> new OrderCommand.StartProcessing());
    }

    @POST
    @Path("/{orderId}/ship")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Staff: hand the order to a carrier")
    public Uni<Response> ship(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent, @NotNull @Valid Requests.Ship body) {
        return change("ship", orderId, key, traceparent, body, keyed -> new OrderCommand.ShipOrder(body.carrier(), body.trackingNumber()));
    }

    @POST
    @Path("/{orderId}/deliver")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Staff: the carrier delivered the order")
    public Uni<Response> deliver(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent) {
        return change("deliver", orderId, key, traceparent, null, keyed -> new OrderCommand.DeliverOrder());
    }

    @POST
    @Path("/{orderId}/refund")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Staff: refund a paid order, in whole or in part",
            description = "A refund saga moves the money (and with restock, puts the order's units back on sale), then"
                    + " records the refund on the order. The answer is 202; the order lists the refund under way, named by"
                    + " its saga (GET /sagas/{id}), until it is recorded.")
    @APIResponse(responseCode = "202", description = "The refund is under way")
    @APIResponse(responseCode = "409", description = "More than may still be refunded (over-refund, field amount), or the order's status does not allow it")
    public Uni<Response> refund(@RestPath UUID orderId, @RestHeader(KEY) String key,
            @RestHeader("traceparent") String traceparent, @NotNull @Valid Requests.Refund body) {
        return change("refund", orderId, key, traceparent, body, keyed -> new OrderCommand.RequestRefund(keyed.eventId(0),
                body.value(), body.reason(), Boolean.TRUE.equals(body.restock())));
    }

    /**
     * Every lifecycle command: load the order the caller may see, let the aggregate decide, append after the
     * version it decided on (a concurrent change makes that a 409), answer with the order. A retry whose
     * events are already in the stream (the first attempt died before answering) answers without deciding again.
     */
    private Uni<Response> change(String name, UUID orderId, String key, String traceparent, Object body,
            java.util.function.Function<IdempotentCommands.Keyed, OrderCommand> command) {
        record Request(UUID orderId, Object body) {}
        return metrics.timed(name, commands.run(caller, "POST /orders/{id}/" + name, key, new Request(orderId, body),
                keyed -> visible(orderId).chain(stored -> {
                    boolean startsSaga = name.equals("cancel") || name.equals("refund");
                    if (stored.holds(keyed.eventId(0))) return Uni.createFrom().item(ok(stored, startsSaga));
                    List<OrderEvent> events = Order.DECIDER.decide(command.apply(keyed), stored.state());
                    if (events.isEmpty()) return Uni.createFrom().item(ok(stored, startsSaga));
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) ids.add(keyed.eventId(i));
                    return orders.save(stored, events, ids, metadata(traceparent))
                            .chain(() -> orders.load(caller.tenantId(), orderId)).map(after -> ok(after, startsSaga));
                })));
    }

    /** The order if it exists in the caller's tenant and the caller may see it; 404 alike otherwise. */
    private Uni<StoredOrder> visible(UUID orderId) {
        return orders.load(caller.tenantId(), orderId).map(stored -> {
            boolean mine = stored.state().exists() && (caller.isStaff() || caller.userId().equals(stored.state().customerId()));
            if (!mine) throw ProblemException.notFound("order " + orderId);
            return stored;
        });
    }

    private EventMetadata metadata(String traceparent) {
        return EventMetadata.forTenant(caller.tenantId()).byUser(caller.userId()).tracedBy(Traceparent.current(traceparent));
    }

    /**
     * 202 when the request asked for what a saga does (a paid order's cancellation, a refund) and it is under
     * way, else 200.
     */
    private static Response ok(StoredOrder stored, boolean startsSaga) {
        OrderState state = stored.state();
        boolean underWay = startsSaga && (state.cancelling() || !state.refunding().isEmpty());
        return Response.status(underWay ? 202 : 200).entity(OrderViewFold.fold(stored.history()).view())
                .header(ConsistencyToken.HEADER, new ConsistencyToken(stored.orderId(), stored.version())).build();
    }

}

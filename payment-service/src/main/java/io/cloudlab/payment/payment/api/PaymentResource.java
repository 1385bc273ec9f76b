package io.cloudlab.payment.payment.api;

import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.app.PaymentCommands;
import io.cloudlab.payment.payment.app.PaymentCommands.Result;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.support.metrics.CommandMetrics;
import io.cloudlab.payment.web.PaymentProblem;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Payments over REST: thin; the rules are in the Payment aggregate, the flow in {@link PaymentCommands}. The
 * aggregate's refusals are {@code Refusal}s, answered as problems by service-support's mappers.
 */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payments", description = "Authorize, capture, void and refund payments")
public class PaymentResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String DECLINED_EXAMPLE = "{\"type\":\"https://cloudlab.io/problems/payment-declined\","
            + "\"title\":\"Payment declined\",\"status\":402,\"detail\":\"the payment was declined: insufficient_funds\","
            + "\"reason\":\"insufficient_funds\",\"payment_id\":\"0b8f3a4e-5d6c-3b2a-9f8e-7d6c5b4a3f2e\"}";

    @Inject
    Caller caller;

    @Inject
    IdempotentCommands idempotent;

    @Inject
    PaymentCommands commands;

    @Inject
    PaymentRepository payments;

    @Inject
    CommandMetrics metrics;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Authorize a payment for an order",
            description = "Asks the gateway to hold the amount. One payment per order. Idempotency-Key required.")
    @APIResponse(responseCode = "201", description = "Authorized", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "402", description = "Declined (reason: declined, insufficient_funds, invalid_card); the payment is recorded as declined",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "declined", value = DECLINED_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The order already has a payment", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "504", description = "The gateway did not answer in time; the payment is pending: retry with the same Idempotency-Key",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> authorize(
            @Parameter(description = "Unique per request; a retry with the same key gets the first answer", example = "b7c1e0e2-authorize-1")
            @HeaderParam(IdempotentCommands.HEADER) String key,
            @Valid @NotNull AuthorizePaymentRequest body) {
        Caller who = detached();
        String path = uri.getPath();
        return metrics.timed("authorize", idempotent.run(who, "POST /payments", key, body,
                keyed -> commands.authorize(who, body.toRequest(), keyed).map(result -> authorized(result, path))));
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Capture an authorized payment", description = "At most the authorized amount; once. Idempotency-Key required.")
    @APIResponse(responseCode = "200", description = "Captured", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "409", description = "Not authorized (any more): the detail names the current status", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Amount above the authorized amount", content = @Content(mediaType = PROBLEM))
    public Uni<Response> capture(@PathParam("id") String id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @Valid CapturePaymentRequest body) {
        UUID paymentId = paymentId(id);
        Optional<BigDecimal> amount = Optional.ofNullable(body).map(CapturePaymentRequest::amount).map(BigDecimal::new);
        Caller who = detached();
        return command("capture", who, "POST /payments/" + paymentId + "/capture", key, Map.of("amount", String.valueOf(amount.orElse(null))),
                keyed -> commands.capture(who, new CapturePayment(paymentId, amount), keyed));
    }

    @POST
    @Path("/{id}/void")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Void an authorization", description = "Only while authorized and not captured. Idempotency-Key required.")
    @APIResponse(responseCode = "200", description = "Voided", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "409", description = "Not authorized (any more): the detail names the current status", content = @Content(mediaType = PROBLEM))
    public Uni<Response> voidAuthorization(@PathParam("id") String id, @HeaderParam(IdempotentCommands.HEADER) String key) {
        UUID paymentId = paymentId(id);
        Caller who = detached();
        return command("void", who, "POST /payments/" + paymentId + "/void", key, Map.of(),
                keyed -> commands.voidAuthorization(who, new VoidPayment(paymentId), keyed));
    }

    @POST
    @Path("/{id}/refund")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Refund a captured payment", description = "Refunds in total never exceed the captured amount. Idempotency-Key required.")
    @APIResponse(responseCode = "200", description = "Refunded", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "409", description = "Not captured: the detail names the current status", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Amount above captured minus refunded (field amount)", content = @Content(mediaType = PROBLEM))
    public Uni<Response> refund(@PathParam("id") String id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @Valid @NotNull RefundPaymentRequest body) {
        UUID paymentId = paymentId(id);
        Caller who = detached();
        return command("refund", who, "POST /payments/" + paymentId + "/refund", key, body,
                keyed -> commands.refund(who, new RefundPayment(paymentId, new BigDecimal(body.amount()), body.reason(), null), keyed));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.CUSTOMER})
    @Operation(summary = "A payment", description = "Staff see every payment of their tenant; a customer only their own (others are 404)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", description = "No such payment (for this caller)", content = @Content(mediaType = PROBLEM))
    public Uni<PaymentView> get(@PathParam("id") String id) {
        UUID paymentId = paymentId(id);
        Caller who = detached();
        return payments.find(who.tenantId(), paymentId).map(found -> found
                .filter(p -> who.isStaff() || p.customerId().equals(who.userId()))
                .orElseThrow(() -> ProblemException.notFound("payment " + paymentId)));
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "The payment of an order", description = "Staff only; a list with zero or one payment")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentView[].class)))
    @APIResponse(responseCode = "400", description = "order_id missing or not a UUID", content = @Content(mediaType = PROBLEM))
    public Uni<List<PaymentView>> byOrder(
            @Parameter(required = true, example = "3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10") @QueryParam("order_id") String orderId) {
        UUID order;
        try {
            order = UUID.fromString(orderId == null ? "" : orderId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("order_id", "order_id is required and must be a UUID");
        }
        return payments.findByOrder(detached().tenantId(), order);
    }

    private Uni<Response> command(String name, Caller who, String endpoint, String key, Object request,
            java.util.function.Function<IdempotentCommands.Keyed, Uni<Result>> run) {
        String path = uri.getPath();
        return metrics.timed(name, idempotent.run(who, endpoint, key, request,
                keyed -> run.apply(keyed).map(result -> changed(result, path))));
    }

    private static Response authorized(Result result, String path) {
        PaymentView p = result.payment();
        return switch (p.status()) {
            case "authorized" -> Response.created(URI.create("/payments/" + p.paymentId())).entity(p).build();
            case "declined" -> PaymentProblem.of(Problem.of(402, "payment-declined", "Payment declined",
                            "the payment was declined: " + p.declineReason()).instance(path),
                    p.declineReason(), p.paymentId(), p.status()).toResponse();
            case "pending" -> timedOut(p, path);
            // A retry of a request that authorized, after the payment moved on: the payment as it is.
            default -> Response.ok(p).build();
        };
    }

    /** The gateway's refusal or silence after the aggregate said yes; otherwise the payment as it now is. */
    private static Response changed(Result result, String path) {
        PaymentView p = result.payment();
        if (result.outcome() instanceof GatewayAnswer.TimedOut) return timedOut(p, path);
        if (result.outcome() instanceof GatewayAnswer.Refused refused) {
            return PaymentProblem.of(Problem.of(409, "illegal-transition", "Conflict",
                    "the gateway refused (" + refused.detail() + "); the payment is " + p.status()).instance(path),
                    null, p.paymentId(), p.status()).toResponse();
        }
        return Response.ok(p).build();
    }

    /** 504, not 502/500: the provider is slow, not wrong, and the request was fine; a retry resolves it. */
    private static Response timedOut(PaymentView p, String path) {
        return PaymentProblem.of(Problem.of(504, "gateway-timeout", "Gateway timeout",
                        "the payment gateway did not answer in time; the outcome is unknown and the payment is " + p.status()
                                + ": retry with the same Idempotency-Key to resolve it").instance(path),
                null, p.paymentId(), p.status()).toResponse();
    }

    /** An id that is not a UUID names no payment: 404, like an unknown one. */
    private static UUID paymentId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("the payment");
        }
    }

    /** The request-scoped caller, copied: the command continues on other threads after the request scope. */
    private Caller detached() {
        return new Caller(caller.tenantId(), caller.userId(), caller.roles());
    }
}

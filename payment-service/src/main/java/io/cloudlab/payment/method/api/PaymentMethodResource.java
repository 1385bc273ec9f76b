package io.cloudlab.payment.method.api;

import io.cloudlab.payment.method.domain.CardDetails;
import io.cloudlab.payment.method.domain.RegisteredPaymentMethod;
import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.cloudlab.payment.payment.domain.CardToken;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.cloudlab.support.metrics.CommandMetrics;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customers register how they pay. A card goes to the gateway's tokenisation and no further: the service
 * stores the token (encrypted), brand, last four and expiry; the number and CVC are forgotten here.
 */
@Path("/payment-methods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payment methods", description = "Cards (tokenised by the gateway) and other means of payment")
public class PaymentMethodResource {

    @Inject
    Caller caller;

    @Inject
    PaymentGateway gateway;

    @Inject
    PaymentMethodRepository methods;

    @Inject
    CommandMetrics metrics;

    Clock clock = Clock.systemUTC();

    @POST
    @RolesAllowed(Caller.CUSTOMER)
    @Operation(summary = "Register a payment method",
            description = "Card types (credit_card, debit_card) need card; the card is tokenised by the gateway and never stored")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = PaymentMethodView.class)))
    @APIResponse(responseCode = "422", description = "The gateway refused the card (invalid-card) or it has expired (card-expired)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> register(@Valid @NotNull RegisterPaymentMethodRequest body) {
        Caller who = new Caller(caller.tenantId(), caller.userId(), caller.roles());
        return metrics.timed("register_payment_method", Uni.createFrom().deferred(() -> tokenised(body))
                .chain(token -> store(who, body, token))
                .map(m -> Response.created(URI.create("/payment-methods/" + m.paymentMethodId()))
                        .entity(PaymentMethodView.of(m)).build()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "A payment method", description = "Its owner or staff; others get 404")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentMethodView.class)))
    public Uni<PaymentMethodView> get(@PathParam("id") String id) {
        UUID methodId = methodId(id);
        Caller who = new Caller(caller.tenantId(), caller.userId(), caller.roles());
        return methods.find(who.tenantId(), methodId).map(found -> found
                .filter(m -> who.isStaff() || m.customerId().equals(who.userId()))
                .map(PaymentMethodView::of)
                .orElseThrow(() -> ProblemException.notFound("the payment method")));
    }

    @GET
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "A customer's payment methods",
            description = "A customer's own, newest first (brand and last four, never the number); staff name the customer with customer_id")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentMethodView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Staff without customer_id", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<PaymentMethodView>> list(@QueryParam("customer_id") String customerId) {
        Caller who = new Caller(caller.tenantId(), caller.userId(), caller.roles());
        String whose;
        if (who.isStaff()) {
            if (customerId == null || customerId.isBlank()) throw ProblemException.badRequest("customer_id", "customer_id is required for staff");
            if (customerId.length() > 255) throw ProblemException.badRequest("customer_id", "customer_id is at most 255 characters");
            whose = customerId;
        } else {
            if (customerId != null && !customerId.equals(who.userId())) {
                throw ProblemException.badRequest("customer_id", "a customer lists their own payment methods");
            }
            whose = who.userId();
        }
        return methods.listOf(who.tenantId(), whose).map(found -> found.stream().map(PaymentMethodView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Delete a payment method",
            description = "Its owner, or staff on the customer's behalf. It can no longer pay; payments made with it keep their record")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such payment method (or already deleted)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID methodId = methodId(id);
        Caller who = new Caller(caller.tenantId(), caller.userId(), caller.roles());
        return metrics.timed("delete_payment_method", methods.delete(who.tenantId(), methodId, who.isStaff() ? null : who.userId())
                .map(deleted -> {
                    if (!deleted) throw ProblemException.notFound("the payment method");
                    return Response.noContent().build();
                }));
    }

    /** A path id that is no UUID names no payment method: 404, like one that does not exist. */
    private static UUID methodId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("the payment method");
        }
    }

    /** Null for non-card types. Checks that need no gateway come first, so a bad card costs no gateway call. */
    private Uni<CardToken.Issued> tokenised(RegisterPaymentMethodRequest body) {
        if (!body.type().isCard()) {
            if (body.card() != null) throw ProblemException.badRequest("card", "card must be absent for " + body.type());
            return Uni.createFrom().nullItem();
        }
        if (body.card() == null) throw ProblemException.badRequest("card", "card is required for " + body.type());
        CardDetails card = body.card().toDetails();
        if (card.expiredAt(YearMonth.now(clock))) {
            throw ProblemException.unprocessable("card-expired", "card.expiry_year", "the card has expired");
        }
        return Uni.createFrom().completionStage(() -> gateway.tokenize(card)).map(answer -> {
            if (answer instanceof CardToken.Issued issued) return issued;
            throw ProblemException.unprocessable("invalid-card", "card.number",
                    "the card was refused by the payment gateway: check the number");
        });
    }

    private Uni<RegisteredPaymentMethod> store(Caller who, RegisterPaymentMethodRequest body, CardToken.Issued token) {
        RegisterPaymentMethodRequest.Card card = body.card();
        RegisteredPaymentMethod method = token == null
                ? new RegisteredPaymentMethod(UUID.randomUUID(), who.userId(), body.type(), null, null, null, null, null, null)
                : new RegisteredPaymentMethod(UUID.randomUUID(), who.userId(), body.type(), token.token(), token.brand(),
                        token.lastFour(), card.expiryMonth(), card.expiryYear(), blankToNull(card.holderName()));
        return methods.insert(who.tenantId(), method).replaceWith(method);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

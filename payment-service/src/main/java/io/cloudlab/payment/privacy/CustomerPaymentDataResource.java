package io.cloudlab.payment.privacy;

import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * What payment-service holds of one customer, for their data export and erasure (order-service carries out both
 * and logs them). The export: every payment, and every payment method, deleted ones included, masked as always
 * (brand, last four, expiry; never the number or the token), read from the service's own tables, never a cache.
 * The erasure: the provider forgets the customer's cards, their payment methods are deleted with their card
 * details cleared, and their payments lose the card's last four; amounts stay for the accounts.
 */
@Path("/customers/{customerId}/payment-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data rights")
public class CustomerPaymentDataResource {

    /** A payment method as held: {@code deletedAt} set once the customer deleted it (it is kept until purged). */
    public record HeldMethod(UUID paymentMethodId, String type, String brand, String lastFour, Integer expiryMonth,
            Integer expiryYear, OffsetDateTime createdAt, OffsetDateTime deletedAt) {}

    public record PaymentData(String customerId, List<PaymentView> payments, List<HeldMethod> paymentMethods) {}

    /** What an erasure changed; running it again changes nothing more. */
    public record Erased(String customerId, int cardsForgotten, int paymentMethodsErased, int paymentsCleared) {}

    @Inject
    Caller caller;

    @Inject
    PaymentGateway gateway;

    @Inject
    PaymentRepository payments;

    @Inject
    PaymentMethodRepository methods;

    @GET
    @RolesAllowed({Caller.CUSTOMER, Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "A customer's payments and payment methods, for their data export",
            description = "The customer's own (customer_id \"me\" or their id), or any customer of the tenant for staff; another customer's is 404")
    public Uni<PaymentData> of(@RestPath String customerId) {
        UUID tenant = caller.tenantId();
        String whose = "me".equals(customerId) && !caller.isStaff() ? caller.userId() : customerId;
        validate(whose);
        if (!caller.isStaff() && !whose.equals(caller.userId())) throw ProblemException.notFound("customer " + customerId);
        return payments.findByCustomer(tenant, whose).chain(paid -> methods.heldFor(tenant, whose).map(held -> new PaymentData(
                whose, paid, held.stream().map(h -> new HeldMethod(h.method().paymentMethodId(), h.method().type().toString(),
                        h.method().brand() == null ? null : h.method().brand().toString(), h.method().lastFour(),
                        h.method().expiryMonth(), h.method().expiryYear(), h.createdAt(), h.deletedAt())).toList())));
    }

    @POST
    @Path("/erasure")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Staff: erase a customer's payment data (part of their erasure, carried out by order-service)",
            description = "The provider forgets their cards; their payment methods are deleted without card details; their payments keep amounts, not the last four")
    public Uni<Erased> erase(@RestPath String customerId) {
        UUID tenant = caller.tenantId();
        validate(customerId);
        if ("me".equals(customerId)) throw ProblemException.badRequest("customer_id", "must be the customer's id");
        // The provider first: the tokens to forget are read from the rows the next step clears.
        return methods.tokensToForget(tenant, customerId)
                .chain(tokens -> forgetAll(tokens).replaceWith(tokens.size()))
                .chain(forgotten -> methods.erase(tenant, customerId).chain(erased -> payments.eraseCardDigits(tenant, customerId)
                        .map(cleared -> new Erased(customerId, forgotten, erased, cleared))));
    }

    private Uni<Void> forgetAll(List<String> tokens) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String token : tokens) all = all.chain(() -> Uni.createFrom().completionStage(() -> gateway.forget(token)));
        return all;
    }

    private static void validate(String customerId) {
        if (customerId == null || customerId.isBlank() || customerId.length() > 255 || customerId.indexOf('\0') >= 0) {
            throw ProblemException.badRequest("customer_id", "must be a customer id of 1 to 255 characters");
        }
    }
}

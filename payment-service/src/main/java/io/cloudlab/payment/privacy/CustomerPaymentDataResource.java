package io.cloudlab.payment.privacy;

import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
 * What payment-service holds of one customer, for their data export (order-service assembles the whole
 * document): every payment, and every payment method, deleted ones included, masked as always (brand, last
 * four, expiry; never the number or the token). Read from the service's own tables, never a cache.
 */
@Path("/customers/{customerId}/payment-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data rights")
public class CustomerPaymentDataResource {

    /** A payment method as held: {@code deletedAt} set once the customer deleted it (it is kept until purged). */
    public record HeldMethod(UUID paymentMethodId, String type, String brand, String lastFour, Integer expiryMonth,
            Integer expiryYear, OffsetDateTime createdAt, OffsetDateTime deletedAt) {}

    public record PaymentData(String customerId, List<PaymentView> payments, List<HeldMethod> paymentMethods) {}

    @Inject
    Caller caller;

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
        if (whose == null || whose.isBlank() || whose.length() > 255 || whose.indexOf('\0') >= 0) {
            throw ProblemException.badRequest("customer_id", "must be a customer id of 1 to 255 characters");
        }
        if (!caller.isStaff() && !whose.equals(caller.userId())) throw ProblemException.notFound("customer " + customerId);
        return payments.findByCustomer(tenant, whose).chain(paid -> methods.heldFor(tenant, whose).map(held -> new PaymentData(
                whose, paid, held.stream().map(h -> new HeldMethod(h.method().paymentMethodId(), h.method().type().toString(),
                        h.method().brand() == null ? null : h.method().brand().toString(), h.method().lastFour(),
                        h.method().expiryMonth(), h.method().expiryYear(), h.createdAt(), h.deletedAt())).toList())));
    }
}

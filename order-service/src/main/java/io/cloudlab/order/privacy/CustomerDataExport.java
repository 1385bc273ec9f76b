package io.cloudlab.order.privacy;

import io.cloudlab.order.history.OrderHistory;
import io.cloudlab.order.order.api.OrderView;
import io.cloudlab.order.order.domain.ShippingAddress;
import io.cloudlab.order.order.store.Orders;
import io.cloudlab.order.view.OrderViewFold;
import io.cloudlab.support.privacy.DataProcessingLog;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A customer's data export (GDPR): one document with their orders (lines, amounts, shipping address, decrypted
 * here), the addresses they used, and what payment-service holds of them (payments, and payment methods
 * masked). Assembled from the services' own data (the order streams, payment-service's tables), never from a
 * read model that may lag; recorded in the data-processing log, failed or not, before it is handed over.
 */
@ApplicationScoped
public class CustomerDataExport {

    /** The export: {@code payments} and {@code paymentMethods} as payment-service shows them. */
    public record Document(String customerId, UUID tenantId, Instant generatedAt, List<OrderView> orders,
            List<ShippingAddress> addresses, Object payments, Object paymentMethods) {}

    @Inject
    OrderHistory history;

    @Inject
    Orders orders;

    @Inject
    @RestClient
    PaymentDataClient paymentData;

    @Inject
    DataProcessingLog log;

    Clock clock = Clock.systemUTC();

    /**
     * @param requestedBy   who asked (the customer, also when support carries it out for them)
     * @param carriedOutBy  the caller
     * @param authorization the caller's bearer token, for payment-service
     */
    public Uni<Document> export(UUID tenantId, String customerId, String requestedBy, String carriedOutBy,
            String authorization) {
        return ordersOf(tenantId, customerId).chain(views -> paymentData.of(customerId, authorization)
                .onFailure().transform(CustomerDataExport::refusedOrUnavailable)
                .map(JsonObject::new)
                .map(payments -> {
                    LinkedHashSet<ShippingAddress> addresses = new LinkedHashSet<>();
                    views.forEach(v -> { if (v.shippingAddress() != null) addresses.add(v.shippingAddress()); });
                    return new Document(customerId, tenantId, clock.instant(), views, List.copyOf(addresses),
                            payments.getJsonArray("payments").getList(), payments.getJsonArray("payment_methods").getList());
                }))
                .call(document -> log.record(DataProcessingLog.EXPORT, tenantId, customerId, requestedBy, carriedOutBy,
                        touched(document), true, null))
                .onFailure().call(e -> log.record(DataProcessingLog.EXPORT, tenantId, customerId, requestedBy, carriedOutBy,
                        Map.of(), false, e.getMessage()))
                .onFailure(PaymentDataUnavailable.class).transform(e -> new ProblemException(Problem.of(503,
                        "payment-data-unavailable", "Service unavailable",
                        "the customer's payment data cannot be read now; nothing was exported, try again")));
    }

    private static Map<String, Integer> touched(Document d) {
        Map<String, Integer> touched = new LinkedHashMap<>();
        touched.put("order-service.orders", d.orders().size());
        touched.put("order-service.shipping-addresses", d.addresses().size());
        touched.put("payment-service.payments", ((List<?>) d.payments()).size());
        touched.put("payment-service.payment-methods", ((List<?>) d.paymentMethods()).size());
        return touched;
    }

    /** Every order of the customer, folded from its own stream, oldest first. */
    private Uni<List<OrderView>> ordersOf(UUID tenantId, String customerId) {
        return history.orderIdsOf(tenantId, customerId).chain(ids -> {
            Uni<List<OrderView>> views = Uni.createFrom().item(new ArrayList<>());
            for (UUID id : ids) {
                views = views.chain(list -> orders.load(tenantId, id).map(stored -> {
                    list.add(OrderViewFold.fold(stored.history()).view());
                    return list;
                }));
            }
            return views;
        });
    }

    /**
     * payment-service refused the caller (a 4xx: its rules, say a rate limit): that answer, as it gave it; it did
     * not answer, or failed: unavailable.
     */
    private static Throwable refusedOrUnavailable(Throwable e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse() != null
                && w.getResponse().getStatus() >= 400 && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return new ProblemException(Problem.of(status, "payment-data-refused", "Refused",
                    "payment-service refused to hand over the customer's payment data (" + status + "); nothing was exported"));
        }
        return new PaymentDataUnavailable(e);
    }

    /** payment-service did not answer: an export without its part would look complete and not be. */
    static final class PaymentDataUnavailable extends RuntimeException {
        PaymentDataUnavailable(Throwable cause) {
            super("payment-service did not answer: " + cause.getMessage(), cause);
        }
    }
}

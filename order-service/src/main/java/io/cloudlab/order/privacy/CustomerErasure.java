package io.cloudlab.order.privacy;

import io.cloudlab.eventstore.idempotency.IdempotencyKeys;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.order.analytics.OrderAnalytics;
import io.cloudlab.order.history.OrderHistory;
import io.cloudlab.order.view.OrderViewsProjection;
import io.cloudlab.readmodels.clickhouse.ClickHouse;
import io.cloudlab.readmodels.clickhouse.FactsProjections;
import io.cloudlab.readmodels.redis.RedisProjections;
import io.cloudlab.support.privacy.DataProcessingLog;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A customer's erasure (GDPR), carried out by support: every place the platform holds their personal data.
 * <ol>
 *   <li>Their subject key is shredded: the address in their order events and the card digits in their payment
 *       events, in the store and on Kafka, can no longer be read, and every fold from now on reads them as null.</li>
 *   <li>Stored responses of their requests, and of requests that name them, are deleted.</li>
 *   <li>Their orders' Redis documents are rewritten without the address (a fold keeps what it read).</li>
 *   <li>Their id leaves the ClickHouse facts (customer, who cancelled).</li>
 *   <li>payment-service: the provider forgets their cards, their payment methods are deleted without card details
 *       (the rows go after the soft-delete period), their payments lose the card's last four.</li>
 * </ol>
 * Amounts, lines and statuses stay for the accounts. Each step can run again, so a failed erasure (logged as
 * failed, with what was done) is finished by running it again. The shredding comes first: whatever happens after
 * it, nothing new can be read from the events.
 */
@ApplicationScoped
public class CustomerErasure {

    /** What was done: each place and how many items changed there. */
    public record Report(String customerId, UUID tenantId, Instant erasedAt, Map<String, Integer> touched) {}

    private static final Duration CLICKHOUSE_WAIT = Duration.ofSeconds(30);

    @Inject
    OrderHistory history;

    @Inject
    SubjectKeys keys;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    RedisProjections redis;

    @Inject
    FactsProjections facts;

    @Inject
    @RestClient
    PaymentDataClient paymentData;

    @Inject
    DataProcessingLog log;

    Clock clock = Clock.systemUTC();

    public Uni<Report> erase(UUID tenantId, String customerId, String carriedOutBy, String authorization) {
        Map<String, Integer> touched = new LinkedHashMap<>();
        return history.orderIdsOf(tenantId, customerId)
                .invoke(orders -> touched.put("order-service.orders", orders.size()))
                .call(orders -> keys.erase(tenantId, PersonalData.customerSubject(customerId))
                        .invoke(erased -> touched.put("event-store.subject-key", erased ? 1 : 0)))
                .call(orders -> idempotencyKeys.forgetResponsesOf(tenantId, customerId)
                        .invoke(n -> touched.put("event-store.idempotent-responses", n)))
                .call(orders -> redis.projector(OrderViewsProjection.NAME)
                        .erasePersonalData(orders.stream().map(OrderViewsProjection::document).toList())
                        .invoke(() -> touched.put("redis.order-views", orders.size())))
                .call(orders -> facts.projector(OrderAnalytics.NAME).updateEveryVersion("order_facts",
                                "customer_id = '', cancelled_by = ''",
                                "tenant_id = toUUID(" + ClickHouse.literal(tenantId.toString()) + ") AND (customer_id = "
                                        + ClickHouse.literal(customerId) + " OR cancelled_by = " + ClickHouse.literal(customerId) + ")",
                                CLICKHOUSE_WAIT)
                        .invoke(tables -> touched.put("clickhouse.order_facts", tables.size())))
                .call(orders -> paymentData.erase(customerId, authorization)
                        .onFailure().transform(CustomerErasure::paymentServiceFailed)
                        .map(JsonObject::new)
                        .invoke(payments -> {
                            touched.put("payment-service.cards-forgotten", payments.getInteger("cards_forgotten"));
                            touched.put("payment-service.payment-methods", payments.getInteger("payment_methods_erased"));
                            touched.put("payment-service.payments", payments.getInteger("payments_cleared"));
                        }))
                .map(orders -> new Report(customerId, tenantId, clock.instant(), Map.copyOf(touched)))
                .call(report -> log.record(DataProcessingLog.ERASURE, tenantId, customerId, customerId, carriedOutBy,
                        touched, true, null))
                .onFailure().call(e -> log.record(DataProcessingLog.ERASURE, tenantId, customerId, customerId, carriedOutBy,
                        touched, false, e.getMessage() + "; what is listed was done: run the erasure again to finish it"))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new ProblemException(Problem.of(503,
                        "erasure-incomplete", "Service unavailable",
                        "the erasure did not finish (" + e.getMessage() + "); what was done is in the data-processing log: run it again")));
    }

    /** payment-service refused or did not answer: its part is not done, and the erasure must run again. */
    private static Throwable paymentServiceFailed(Throwable e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse() != null) {
            return new IllegalStateException("payment-service answered " + w.getResponse().getStatus());
        }
        return new IllegalStateException("payment-service did not answer");
    }
}

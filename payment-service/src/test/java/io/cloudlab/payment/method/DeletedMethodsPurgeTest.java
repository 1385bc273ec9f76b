package io.cloudlab.payment.method;

import static io.cloudlab.payment.TestSupport.SUCCESS_CARD;
import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.count;
import static io.cloudlab.payment.TestSupport.execute;
import static io.cloudlab.payment.TestSupport.registerCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.method.store.DeletedMethodsPurge;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Soft-deleted payment methods are hard-deleted once the soft-delete period is over, in every tenant, and not a
 * day before: aged rows are made by back-dating deleted_at as the owner would.
 */
@QuarkusTest
class DeletedMethodsPurgeTest {

    @Inject
    DeletedMethodsPurge purge;

    @Test
    void methodsDeletedLongerAgoThanThePeriodAreHardDeletedOthersKept() {
        UUID tenant = UUID.randomUUID();
        UUID otherTenant = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        String old = registerCard(tenant, customer, SUCCESS_CARD);
        String recent = registerCard(tenant, customer, SUCCESS_CARD);
        String live = registerCard(tenant, customer, SUCCESS_CARD);
        String elsewhere = registerCard(otherTenant, customer, SUCCESS_CARD);
        as(tenant, customer, "customer").delete("/payment-methods/" + old).then().statusCode(204);
        as(tenant, customer, "customer").delete("/payment-methods/" + recent).then().statusCode(204);
        as(otherTenant, customer, "customer").delete("/payment-methods/" + elsewhere).then().statusCode(204);
        execute(tenant, "UPDATE payments.payment_methods SET deleted_at = now() - interval '31 days' WHERE payment_method_id = ?::uuid", old);
        execute(tenant, "UPDATE payments.payment_methods SET deleted_at = now() - interval '29 days' WHERE payment_method_id = ?::uuid", recent);
        execute(otherTenant, "UPDATE payments.payment_methods SET deleted_at = now() - interval '40 days' WHERE payment_method_id = ?::uuid", elsewhere);

        long purged = purge.purgeDeletedBefore(Instant.now().minus(Duration.ofDays(30))).await().atMost(Duration.ofSeconds(60));

        assertTrue(purged >= 2, "at least this test's two aged methods: " + purged);
        assertEquals(0, count("SELECT count(*) FROM payments.payment_methods WHERE payment_method_id IN (?::uuid, ?::uuid)", old, elsewhere));
        assertEquals(2, count("SELECT count(*) FROM payments.payment_methods WHERE payment_method_id IN (?::uuid, ?::uuid)", recent, live));
    }

    @Test
    void theDatabaseRefusesACutOffInsideTheSoftDeletePeriod() {
        Exception refused = assertThrows(Exception.class,
                () -> purge.purgeDeletedBefore(Instant.now().minus(Duration.ofDays(29))).await().atMost(Duration.ofSeconds(60)));
        assertTrue(refused.getMessage().contains("kept 30 days"), refused.getMessage());
    }
}

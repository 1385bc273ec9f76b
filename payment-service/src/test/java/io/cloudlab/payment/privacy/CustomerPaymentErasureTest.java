package io.cloudlab.payment.privacy;

import static io.cloudlab.payment.TestSupport.SUCCESS_CARD;
import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.authorization;
import static io.cloudlab.payment.TestSupport.authorize;
import static io.cloudlab.payment.TestSupport.registerCard;
import static io.cloudlab.payment.TestSupport.rows;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.payment.payment.store.PaymentEventCodec;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * payment-service's part of a customer's erasure: the card's last four digits are unreadable in the events once the
 * customer's key is shredded, and gone from the payment methods, payments and the provider's records; amounts stay.
 */
@QuarkusTest
class CustomerPaymentErasureTest {

    static final String CARD = "5555555555554444";

    final UUID tenant = UUID.randomUUID();
    final String customer = UUID.randomUUID().toString();

    @Inject
    SubjectKeys keys;

    @Inject
    EventStore store;

    @Test
    void theCardsDigitsAndHolderLeaveEveryRowAndTheEventsReadThemAsNullOnceTheKeyIsShredded() {
        String method = registerCard(tenant, customer, CARD);
        String token = (String) rows("SELECT token FROM payments.sandbox_gateway_operations WHERE operation = 'tokenize'"
                + " AND card_last_four = '4444' ORDER BY created_at DESC LIMIT 1").get(0).get("token");
        String other = registerCard(tenant, UUID.randomUUID().toString(), CARD); // another customer's card stays
        String paymentId = authorize(tenant, authorization(UUID.randomUUID(), customer, "30.00", method), UUID.randomUUID().toString())
                .then().statusCode(201).extract().path("payment_id");

        // Stored and published encrypted: the digits are not in the event's payload.
        String stored = (String) rows("SELECT event_data::text AS data FROM event_store.events WHERE aggregate_id = ?",
                UUID.fromString(paymentId)).get(0).get("data");
        assertFalse(stored.contains("4444"), stored);
        assertTrue(stored.contains("card_last_four"), "named in the envelope's fields: " + stored);

        await(keys.erase(tenant, PersonalData.customerSubject(customer)));
        as(tenant, "support-1", "support").post("/customers/" + customer + "/payment-data/erasure").then().statusCode(200)
                .body("customer_id", is(customer)).body("cards_forgotten", is(1)).body("payment_methods_erased", is(1))
                .body("payments_cleared", is(1));

        Map<String, Object> row = rows("SELECT * FROM payments.payment_methods WHERE payment_method_id = ?::uuid", method).get(0);
        assertNotNull(row.get("deleted_at"));
        assertNotNull(row.get("erased_at"));
        for (String column : List.of("card_last_four", "holder_name_encrypted", "gateway_token_encrypted", "card_brand",
                "expiry_month", "expiry_year")) {
            assertNull(row.get(column), column);
        }
        Map<String, Object> payment = rows("SELECT * FROM payments.payments WHERE payment_id = ?::uuid", paymentId).get(0);
        assertNull(payment.get("card_last_four"));
        assertEquals(0, new java.math.BigDecimal("30.00").compareTo((java.math.BigDecimal) payment.get("amount")));
        assertNull(rows("SELECT card_last_four FROM payments.sandbox_gateway_operations WHERE token = ?", token).get(0)
                .get("card_last_four"));
        assertEquals("4444", rows("SELECT card_last_four FROM payments.payment_methods WHERE payment_method_id = ?::uuid", other)
                .get(0).get("card_last_four"));

        PaymentEvent.PaymentAuthorized authorized = (PaymentEvent.PaymentAuthorized) PaymentEventCodec.decode(
                await(store.load(tenant, UUID.fromString(paymentId))).events().get(0));
        assertNull(authorized.cardLastFour());
        assertEquals(0, new java.math.BigDecimal("30.00").compareTo(authorized.amount()));

        // The erased method cannot pay; erasing again changes nothing more.
        authorize(tenant, authorization(UUID.randomUUID(), customer, "5.00", method), UUID.randomUUID().toString())
                .then().statusCode(422);
        as(tenant, "support-1", "support").post("/customers/" + customer + "/payment-data/erasure").then().statusCode(200)
                .body("cards_forgotten", is(0)).body("payment_methods_erased", is(0)).body("payments_cleared", is(0));
    }

    @Test
    void onlyStaffOfTheTenantErase() {
        registerCard(tenant, customer, SUCCESS_CARD);
        as(tenant, customer, "customer").post("/customers/" + customer + "/payment-data/erasure").then().statusCode(403);
        as(tenant, "vendor-1", "vendor").post("/customers/" + customer + "/payment-data/erasure").then().statusCode(403);
        as(UUID.randomUUID(), "support-1", "support").post("/customers/" + customer + "/payment-data/erasure").then()
                .statusCode(200).body("payment_methods_erased", is(0));
        assertEquals(1, rows("SELECT 1 FROM payments.payment_methods WHERE customer_id = ? AND erased_at IS NULL", customer).size());
        as(tenant, "support-1", "support").post("/customers/me/payment-data/erasure").then().statusCode(400);
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }
}

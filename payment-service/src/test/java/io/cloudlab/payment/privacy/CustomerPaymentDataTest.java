package io.cloudlab.payment.privacy;

import static io.cloudlab.payment.TestSupport.SUCCESS_CARD;
import static io.cloudlab.payment.TestSupport.as;
import static io.cloudlab.payment.TestSupport.authorization;
import static io.cloudlab.payment.TestSupport.authorize;
import static io.cloudlab.payment.TestSupport.registerCard;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What payment-service hands over of one customer for their data export, and to whom. */
@QuarkusTest
class CustomerPaymentDataTest {

    final UUID tenant = UUID.randomUUID();
    final String customer = UUID.randomUUID().toString();

    @Test
    void aCustomerGetsTheirPaymentsAndEveryMethodMaskedDeletedOnesIncluded() {
        String kept = registerCard(tenant, customer, SUCCESS_CARD);
        String gone = registerCard(tenant, customer, "5555555555554444");
        authorize(tenant, authorization(UUID.randomUUID(), customer, "12.50", kept), UUID.randomUUID().toString())
                .then().statusCode(201);
        as(tenant, customer, "customer").delete("/payment-methods/" + gone).then().statusCode(204);
        registerCard(tenant, UUID.randomUUID().toString(), SUCCESS_CARD); // another customer's

        String body = as(tenant, customer, "customer").get("/customers/me/payment-data").then().statusCode(200)
                .body("customer_id", is(customer))
                .body("payments", hasSize(1)).body("payments[0].amount", is("12.50"))
                .body("payments[0].card_last_four", is("4242"))
                .body("payment_methods", hasSize(2))
                .body("payment_methods.payment_method_id", contains(gone, kept))
                .body("payment_methods[0].last_four", is("4444")).body("payment_methods[0].deleted_at", notNullValue())
                .body("payment_methods[1].deleted_at", nullValue())
                .extract().asString();
        assertFalse(body.contains(SUCCESS_CARD) || body.contains("5555555555554444") || body.contains("tok_"), body);
        as(tenant, customer, "customer").get("/customers/" + customer + "/payment-data").then().statusCode(200)
                .body("payment_methods", hasSize(2));
    }

    @Test
    void anotherCustomersDataIsNotFoundStaffOfTheTenantGetItAndAnotherTenantsStaffNothing() {
        registerCard(tenant, customer, SUCCESS_CARD);
        as(tenant, UUID.randomUUID().toString(), "customer").get("/customers/" + customer + "/payment-data").then()
                .statusCode(404);
        as(tenant, "support-1", "support").get("/customers/" + customer + "/payment-data").then().statusCode(200)
                .body("payment_methods", hasSize(1));
        as(UUID.randomUUID(), "support-1", "support").get("/customers/" + customer + "/payment-data").then().statusCode(200)
                .body("payments", hasSize(0)).body("payment_methods", hasSize(0));
        as(tenant, "vendor-1", "vendor").get("/customers/" + customer + "/payment-data").then().statusCode(403);
    }
}

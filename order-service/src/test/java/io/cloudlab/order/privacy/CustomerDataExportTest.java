package io.cloudlab.order.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.cloudlab.order.order.api.Storefront;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Who may export a customer's data, and that an export missing payment-service's part is refused and logged
 * (no payment-service runs in these tests). The whole document is the system test's (deploy/system/test).
 */
@QuarkusTest
class CustomerDataExportTest {

    @Inject
    Pool pool;

    @Test
    void anExportWithoutPaymentServiceIsA503AndIsLoggedAsFailed() {
        Storefront shop = new Storefront(pool);
        shop.as(shop.customerToken()).get("/customers/me/data").then().statusCode(503)
                .contentType("application/problem+json").body("type", endsWith("payment-data-unavailable"));
        String support = TestTokens.token(shop.tenant, "support-7", "support");
        shop.as(support).get("/customers/" + shop.customer + "/data").then().statusCode(503);

        given().header("Authorization", "Bearer " + TestTokens.operator()).queryParam("subject_id", shop.customer)
                .queryParam("tenant_id", shop.tenant.toString()).get("/admin/data-processing-log").then().statusCode(200)
                .body("records", hasSize(2))
                .body("records[0].activity", is("export")).body("records[0].outcome", is("failed"))
                .body("records[0].requested_by", is(shop.customer)).body("records[0].carried_out_by", is("support-7"))
                .body("records[0].service", is("order-service"))
                .body("records[1].requested_by", is(shop.customer)).body("records[1].carried_out_by", is(shop.customer));
    }

    @Test
    void onlyTheCustomerExportsTheirOwnAndOnlyStaffOnBehalfOfAnother() {
        Storefront shop = new Storefront(pool);
        shop.as(shop.customerToken()).get("/customers/" + shop.otherCustomer + "/data").then().statusCode(403);
        shop.as(shop.adminToken()).get("/customers/me/data").then().statusCode(403);
        shop.as(shop.adminToken()).get("/admin/data-processing-log").then().statusCode(403);
        shop.as(TestTokens.token(shop.tenant, "vendor-1", "vendor")).get("/customers/" + shop.customer + "/data")
                .then().statusCode(403);
    }
}

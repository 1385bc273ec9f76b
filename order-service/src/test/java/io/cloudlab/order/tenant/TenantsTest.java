package io.cloudlab.order.tenant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenant registry: operators create, suspend and resume shops; a suspended shop's tokens are refused. */
@QuarkusTest
class TenantsTest {

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static RequestSpecification operator() {
        return as(TestTokens.operator());
    }

    @Test
    void anOperatorCreatesATenantItsAdminReadsItAndNobodyElse() {
        String name = "Shop " + UUID.randomUUID();
        String id = operator().body(new JsonObject().put("tenant_name", name).put("default_currency", "EUR")
                        .put("settings", new JsonObject().put("theme", "dark")).encode())
                .post("/tenants").then().statusCode(201).body("status", is("active"))
                .body("default_currency", is("EUR")).body("settings.theme", is("dark")).extract().path("tenant_id");
        UUID tenant = UUID.fromString(id);
        operator().body(new JsonObject().put("tenant_name", name).put("default_currency", "EUR").encode()).post("/tenants")
                .then().statusCode(409).body("field", is("tenant_name"));
        operator().body(new JsonObject().put("tenant_name", "x").put("default_currency", "euro").encode()).post("/tenants")
                .then().statusCode(400).body("field", is("default_currency"));
        as(TestTokens.token(tenant, "admin-1", "admin")).get("/tenants/" + id).then().statusCode(200).body("tenant_name", is(name));
        as(TestTokens.token(UUID.randomUUID(), "admin-1", "admin")).get("/tenants/" + id).then().statusCode(404);
        as(TestTokens.token(tenant, "admin-1", "admin")).body(new JsonObject().put("tenant_name", "mine").put("default_currency", "EUR").encode())
                .post("/tenants").then().statusCode(403);
        as(TestTokens.token(tenant, "c-1", "customer")).get("/tenants/" + id).then().statusCode(403);
        operator().get("/tenants").then().statusCode(200).body("tenants.tenant_id", hasItem(id));
    }

    @Test
    void aSuspendedTenantsTokensAreRefusedUntilItIsResumedAndOthersAreNot() {
        String id = operator().body(new JsonObject().put("tenant_name", "Suspended " + UUID.randomUUID())
                .put("default_currency", "EUR").encode()).post("/tenants").then().statusCode(201).extract().path("tenant_id");
        UUID tenant = UUID.fromString(id);
        String customer = TestTokens.token(tenant, "c-1", "customer");
        String elsewhere = TestTokens.token(UUID.randomUUID(), "c-2", "customer");
        as(customer).get("/orders").then().statusCode(200);

        operator().body("{}").post("/tenants/" + id + "/suspend").then().statusCode(400).body("field", is("reason"));
        operator().body(new JsonObject().put("reason", "unpaid invoices").encode()).post("/tenants/" + id + "/suspend")
                .then().statusCode(200).body("status", is("suspended")).body("status_reason", is("unpaid invoices"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(customer).get("/orders").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("tenant-suspended")));
        as(TestTokens.token(tenant, "admin-1", "admin")).get("/tenants/" + id).then().statusCode(403);
        as(elsewhere).get("/orders").then().statusCode(200);
        operator().queryParam("action", "tenant.suspend").get("/admin/security-audit").then().statusCode(200)
                .body("records.target", hasItem(id)).body("records.detail", hasItem("unpaid invoices"));

        operator().body(new JsonObject().put("reason", "paid").encode()).post("/tenants/" + id + "/resume")
                .then().statusCode(200).body("status", is("active"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(customer).get("/orders").then().statusCode(200));
    }

    @Test
    void thePlatformsOwnTenantIsNoShopToSuspendAndAnUnknownOneIsNotFound() {
        operator().body(new JsonObject().put("reason", "x").encode())
                .post("/tenants/00000000-0000-0000-0000-000000000000/suspend").then().statusCode(409);
        operator().body(new JsonObject().put("reason", "x").encode()).post("/tenants/" + UUID.randomUUID() + "/suspend")
                .then().statusCode(404);
        as(TestTokens.token(UUID.randomUUID(), "admin-1", "admin")).body(new JsonObject().put("reason", "x").encode())
                .post("/tenants/" + UUID.randomUUID() + "/suspend").then().statusCode(403);
    }
}

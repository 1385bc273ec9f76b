package io.cloudlab.inventory.product;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.inventory.InventoryTestBase;
import io.cloudlab.support.testing.SkippingClock;
import io.cloudlab.support.time.MonotonicClock;
import io.cloudlab.inventory.product.store.CatalogueConfig;
import io.cloudlab.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Shoppers of a tenant share a catalogue page for a moment; staff read it as it is; no tenant is served
 * another's page. The clock is the test's, so "a moment" passes when the test says so.
 */
@QuarkusTest
class CataloguePagesTest extends InventoryTestBase {

    @Inject
    CatalogueConfig config;

    @Test
    void shoppersShareAPageUntilItAgesStaffSeeTheCatalogueAsItIsAndTenantsNeverMeet() {
        SkippingClock clock = new SkippingClock();
        QuarkusMock.installMockForType(clock, MonotonicClock.class);
        String shopper = customer();
        UUID first = create(admin(), "Shared page lamp", "", "5.00", 3);
        assertEquals(List.of(first.toString()), page(shopper));

        UUID second = create(admin(), "Shared page rug", "", "7.00", 3);
        assertEquals(List.of(first.toString()), page(TestTokens.token(tenant, "another-shopper", "customer")),
                "another shopper of the tenant gets the shared page");
        assertEquals(List.of(second.toString(), first.toString()), page(admin()), "staff read the catalogue as it is");

        UUID elsewhere = UUID.randomUUID();
        UUID theirs = create(TestTokens.token(elsewhere, UUID.randomUUID().toString(), "admin"), "Their lamp", "", "5.00", 3);
        assertEquals(List.of(theirs.toString()), page(TestTokens.token(elsewhere, shopperOf(elsewhere), "customer")),
                "another tenant's shopper gets that tenant's page, not this one's");

        clock.skip(config.pageCacheFor().plusMillis(1));
        assertEquals(List.of(second.toString(), first.toString()), page(shopper), "an aged page is read again");
    }

    private static String shopperOf(UUID tenant) {
        return "shopper-" + tenant;
    }

    private static List<String> page(String token) {
        return as(token).queryParam("limit", 20).when().get("/products").then().statusCode(200)
                .extract().jsonPath().getList("items.product_id");
    }
}

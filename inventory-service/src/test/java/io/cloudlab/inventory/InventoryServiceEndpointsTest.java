package io.cloudlab.inventory;

import io.cloudlab.support.testing.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InventoryServiceEndpointsTest extends ServiceEndpointsContract {

    InventoryServiceEndpointsTest() {
        super("Inventory service API", "inventory");
    }
}

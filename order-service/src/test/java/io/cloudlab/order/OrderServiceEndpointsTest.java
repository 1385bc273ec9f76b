package io.cloudlab.order;

import io.cloudlab.support.testing.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderServiceEndpointsTest extends ServiceEndpointsContract {

    OrderServiceEndpointsTest() {
        super("Order service API", "orders");
    }
}

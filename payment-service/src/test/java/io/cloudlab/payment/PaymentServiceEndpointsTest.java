package io.cloudlab.payment;

import io.cloudlab.support.testing.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PaymentServiceEndpointsTest extends ServiceEndpointsContract {

    PaymentServiceEndpointsTest() {
        super("Payment service API", "payments");
    }
}

package io.cloudlab.saga;

import io.cloudlab.support.testing.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SagaOrchestratorEndpointsTest extends ServiceEndpointsContract {

    SagaOrchestratorEndpointsTest() {
        super("Saga orchestrator API", "saga");
    }
}

package io.cloudlab.inventory.saga;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SagaCommandsConsumerTest {

    static PgException pg(String sqlState) {
        return new PgException("failed", "ERROR", sqlState, null);
    }

    @Test
    void theDatabaseOrNetworkBeingAwayIsWaitedOut() {
        assertTrue(SagaCommandsConsumer.retryable(pg("08006")), "connection failure");
        assertTrue(SagaCommandsConsumer.retryable(pg("57P01")), "admin shutdown");
        assertTrue(SagaCommandsConsumer.retryable(pg("40001")), "serialization failure");
        assertTrue(SagaCommandsConsumer.retryable(pg("40P01")), "deadlock");
        assertTrue(SagaCommandsConsumer.retryable(new VertxException("Connection refused")));
        assertTrue(SagaCommandsConsumer.retryable(new IOException("reset")));
    }

    @Test
    void aFailureNoRetryCanFixIsNotRetried() {
        // PgException is a VertxException: a violated CHECK must not be mistaken for the network.
        assertFalse(SagaCommandsConsumer.retryable(pg("23514")), "check violation");
        assertFalse(SagaCommandsConsumer.retryable(pg("23505")), "unique violation");
        assertFalse(SagaCommandsConsumer.retryable(pg("42P01")), "undefined table");
        assertFalse(SagaCommandsConsumer.retryable(new IllegalStateException("a bug")));
    }
}

package io.cloudlab.support.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class RetryingTest {

    @Test
    void aPoolClosedUnderTheHandlerIsWaitedOutNotSkipped() {
        assertTrue(Retrying.retryable(new NoStackTraceThrowable("Pool closed")));
        assertTrue(Retrying.unavailable(new NoStackTraceThrowable("Connection is closed")));
    }

    @Test
    void theDatabaseAwayIsWaitedOutAndABrokenMessageIsNot() {
        assertTrue(Retrying.retryable(new PgException("gone", "FATAL", "57P01", null)));
        assertTrue(Retrying.retryable(new PgException("serialization", "ERROR", "40001", null)));
        assertFalse(Retrying.retryable(new PgException("null value", "ERROR", "23502", null)));
        assertFalse(Retrying.retryable(new NoStackTraceThrowable("something else")));
        assertFalse(Retrying.retryable(new IllegalArgumentException("not an order")));
    }
}

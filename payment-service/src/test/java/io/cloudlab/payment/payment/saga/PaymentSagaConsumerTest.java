package io.cloudlab.payment.payment.saga;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStoreException;
import io.vertx.pgclient.PgException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which failures of a command are waited out (never skipped) and which are the message's fault (skipped). */
class PaymentSagaConsumerTest {

    @Test
    void theGatewaysSilenceTheDatabaseAwayAndALostRaceAreRetried() {
        assertTrue(PaymentSagaConsumer.retryable(new GatewayUnanswered("capture")));
        assertTrue(PaymentSagaConsumer.retryable(new EventStoreException.ConcurrencyConflict(UUID.randomUUID(), 0, 1)));
        assertTrue(PaymentSagaConsumer.retryable(new PgException("connection lost", "FATAL", "08006", null)));
        assertTrue(PaymentSagaConsumer.retryable(new PgException("deadlock", "ERROR", "40P01", null)));
    }

    @Test
    void whatRetryingCannotFixIsSkipped() {
        // A PgException is a VertxException: a check violation must not be retried forever because of that.
        assertFalse(PaymentSagaConsumer.retryable(new PgException("check violated", "ERROR", "23514", null)));
        assertFalse(PaymentSagaConsumer.retryable(new IllegalArgumentException("amount is missing or not a string")));
    }
}

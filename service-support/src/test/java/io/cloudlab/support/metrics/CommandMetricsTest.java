package io.cloudlab.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.eventstore.EventStoreException;
import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One outcome vocabulary for every service's commands. */
class CommandMetricsTest {

    static final class Refused extends Refusal {
        Refused(Kind kind) {
            super(kind, "test", null, "refused");
        }
    }

    @Test
    void answersAreDoneReplayedRefusedConflictOrError() {
        assertEquals("done", CommandMetrics.outcomeOf((Object) "a view"));
        assertEquals("done", CommandMetrics.outcomeOf((Object) Response.status(201).build()));
        assertEquals("replayed", CommandMetrics.outcomeOf((Object) Response.ok().header("Idempotency-Replayed", "true").build()));
        assertEquals("refused", CommandMetrics.outcomeOf((Object) Response.status(402).build()));
        assertEquals("conflict", CommandMetrics.outcomeOf((Object) Response.status(409).build()));
        assertEquals("error", CommandMetrics.outcomeOf((Object) Response.status(504).build()));
    }

    @Test
    void failuresAreRefusedConflictOrError() {
        assertEquals("refused", CommandMetrics.outcomeOf(new Refused(Refusal.Kind.UNPROCESSABLE)));
        assertEquals("conflict", CommandMetrics.outcomeOf(new Refused(Refusal.Kind.CONFLICT)));
        assertEquals("refused", CommandMetrics.outcomeOf(ProblemException.badRequest("amount", "bad")));
        assertEquals("conflict", CommandMetrics.outcomeOf(new EventStoreException.ConcurrencyConflict(UUID.randomUUID(), 0, 1)));
        assertEquals("error", CommandMetrics.outcomeOf(new IllegalStateException("a bug")));
    }
}

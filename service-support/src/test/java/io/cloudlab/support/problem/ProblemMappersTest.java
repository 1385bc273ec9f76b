package io.cloudlab.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures are the database being away (503, retry) and which are ours (500). */
class ProblemMappersTest {

    @Test
    void theDatabaseShuttingDownOrALostConnectionIsA503WithRetryAfter() {
        assertTrue(ProblemMappers.dependencyAway(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertTrue(ProblemMappers.dependencyAway(new CompletionException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)),
                "a cause is looked at too");
        Response answer = ProblemMappers.unavailable(new PgException("gone", "FATAL", "57P01", null), "/orders");
        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        assertTrue(answer.getEntity().toString().contains("service-unavailable"));
    }

    @Test
    void aBrokenRequestOrABugIsNotADependencyAway() {
        assertFalse(ProblemMappers.dependencyAway(new PgException("null value", "ERROR", "23502", null)));
        assertFalse(ProblemMappers.dependencyAway(new IllegalStateException("a bug")));
    }
}

package io.cloudlab.order.order.api;

import io.cloudlab.eventstore.EventStoreException;
import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.support.metrics.CommandTimer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** Count and latency of every order command by outcome: ok, replayed, conflict, rejected, failed. */
@ApplicationScoped
public class OrderCommandMetrics {

    @Inject
    CommandTimer timer;

    public Uni<Response> timed(String command, Uni<Response> work) {
        return timer.time("order_commands", "Order commands handled, by outcome", command, () -> work,
                response -> response.getHeaderString("Idempotency-Replayed") != null ? "replayed" : "ok",
                OrderCommandMetrics::outcomeOf);
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof EventStoreException.ConcurrencyConflict) return "conflict";
        if (failure instanceof Refusal || failure instanceof io.cloudlab.support.problem.ProblemException) return "rejected";
        return "failed";
    }
}

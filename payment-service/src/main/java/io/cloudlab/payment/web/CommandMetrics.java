package io.cloudlab.payment.web;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.metrics.CommandTimer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** Timer {@code payment_commands} per command, tagged with the outcome (the HTTP status answered). */
@ApplicationScoped
public class CommandMetrics {

    @Inject
    CommandTimer timer;

    public Uni<Response> timed(String command, Uni<Response> work) {
        return timer.time("payment_commands", "Payment commands by outcome (HTTP status)", command, () -> work,
                response -> String.valueOf(response.getStatus()), CommandMetrics::outcomeOf);
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof ProblemException p) return String.valueOf(p.problem().status());
        if (failure instanceof io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict) return "409";
        if (failure instanceof io.cloudlab.payment.payment.domain.PaymentRejected) return "rejected";
        return "error";
    }
}

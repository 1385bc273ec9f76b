package io.cloudlab.payment.web;

import io.cloudlab.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** Timer {@code payment_commands} per command, tagged with the outcome (the HTTP status answered). */
@ApplicationScoped
public class CommandMetrics {

    @Inject
    MeterRegistry registry;

    public Uni<Response> timed(String command, Uni<Response> work) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return work
                    .invoke(response -> stop(sample, command, String.valueOf(response.getStatus())))
                    .onFailure().invoke(failure -> stop(sample, command, outcomeOf(failure)));
        });
    }

    private void stop(Timer.Sample sample, String command, String outcome) {
        sample.stop(Timer.builder("payment_commands").description("Payment commands by outcome (HTTP status)")
                .tag("command", command).tag("outcome", outcome).register(registry));
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof ProblemException p) return String.valueOf(p.problem().status());
        if (failure instanceof io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict) return "409";
        if (failure instanceof io.cloudlab.payment.payment.domain.PaymentRejected) return "rejected";
        return "error";
    }
}

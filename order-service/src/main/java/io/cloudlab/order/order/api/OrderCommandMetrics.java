package io.cloudlab.order.order.api;

import io.cloudlab.eventstore.EventStoreException;
import io.cloudlab.order.order.domain.OrderRejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** Count and latency of every order command by outcome: ok, replayed, conflict, rejected, failed. */
@ApplicationScoped
public class OrderCommandMetrics {

    @Inject
    MeterRegistry registry;

    public Uni<Response> timed(String command, Uni<Response> work) {
        Timer.Sample sample = Timer.start(registry);
        return work
                .invoke(response -> stop(sample, command,
                        response.getHeaderString("Idempotency-Replayed") != null ? "replayed" : "ok"))
                .onFailure().invoke(failure -> stop(sample, command, outcomeOf(failure)));
    }

    private void stop(Timer.Sample sample, String command, String outcome) {
        sample.stop(Timer.builder("order_commands").description("Order commands handled, by outcome")
                .tag("command", command).tag("outcome", outcome).publishPercentileHistogram().register(registry));
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof EventStoreException.ConcurrencyConflict) return "conflict";
        if (failure instanceof OrderRejection || failure instanceof io.cloudlab.support.problem.ProblemException) return "rejected";
        return "failed";
    }
}

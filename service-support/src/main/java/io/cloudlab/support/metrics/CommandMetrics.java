package io.cloudlab.support.metrics;

import io.cloudlab.eventstore.EventStoreException;
import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Every service's commands in one vocabulary: timer {@code cloudlab_commands_seconds{service, command, outcome}}, with
 * a latency histogram, so dashboards and alerts read every service the same way. Outcomes:
 * {@code done}; {@code replayed} (an Idempotency-Key's stored answer); {@code refused} (a rule or the
 * client's mistake: a domain refusal, a 4xx); {@code conflict} (a concurrent change won; the client may
 * retry); {@code error} (ours, or a dependency away: what an alert watches).
 */
@ApplicationScoped
public class CommandMetrics {

    public static final String NAME = "cloudlab_commands";

    @Inject
    MeterRegistry registry;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Starts the clock when the work is subscribed to, stops it when it answers or fails. */
    public <T> Uni<T> timed(String command, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return Uni.createFrom().<T>deferred(work::get)
                    .onItemOrFailure().invoke((item, failure) -> sample.stop(Timer.builder(NAME)
                            .description("Commands handled, by outcome").tag("service", service).tag("command", command)
                            .tag("outcome", failure == null ? outcomeOf(item) : outcomeOf(failure))
                            .publishPercentileHistogram().register(registry)));
        });
    }

    public <T> Uni<T> timed(String command, Uni<T> work) {
        return timed(command, () -> work);
    }

    static String outcomeOf(Object answer) {
        if (!(answer instanceof Response response)) return "done";
        if (response.getHeaderString("Idempotency-Replayed") != null) return "replayed";
        if (response.getStatus() == 409) return "conflict";
        if (response.getStatus() >= 500) return "error";
        return response.getStatus() >= 400 ? "refused" : "done";
    }

    static String outcomeOf(Throwable failure) {
        if (failure instanceof EventStoreException.ConcurrencyConflict) return "conflict";
        if (failure instanceof Refusal refusal) return refusal.kind() == Refusal.Kind.CONFLICT ? "conflict" : "refused";
        if (failure instanceof ProblemException p) {
            int status = p.problem().status();
            return status == 409 ? "conflict" : status < 500 ? "refused" : "error";
        }
        if (failure instanceof ConstraintViolationException) return "refused";
        return "error";
    }
}

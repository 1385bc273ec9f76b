package io.cloudlab.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Times a command of any service: one timer per (command, outcome), with a latency histogram, so that
 * dashboards show how often each command runs, how long it takes (p99 included) and how it ended. Each
 * service says what an outcome is (an HTTP status, "rejected", "duplicate", ...); the timing is done here.
 */
@ApplicationScoped
public class CommandTimer {

    @Inject
    MeterRegistry registry;

    /** Starts the clock when the work is subscribed to, stops it when it answers or fails. */
    public <T> Uni<T> time(String meter, String description, String command, Supplier<Uni<T>> work,
            Function<T, String> outcomeOfAnswer, Function<Throwable, String> outcomeOfFailure) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return Uni.createFrom().<T>deferred(work::get)
                    .onItemOrFailure().invoke((item, failure) -> sample.stop(Timer.builder(meter)
                            .description(description).tag("command", command)
                            .tag("outcome", failure == null ? outcomeOfAnswer.apply(item) : outcomeOfFailure.apply(failure))
                            .publishPercentileHistogram().register(registry)));
        });
    }
}

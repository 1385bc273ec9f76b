package io.cloudlab.inventory.support;

import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.metrics.CommandTimer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One timer per command ({@code inventory_commands_seconds{command, outcome}}): how often each command runs,
 * how long it takes, and how often it is refused (a client's mistake or a rule, e.g. insufficient stock)
 * versus failing on our side, which is what an alert should watch.
 */
@ApplicationScoped
public class CommandMetrics {

    public static final String NAME = "inventory.commands";

    @Inject
    CommandTimer timer;

    public <T> Uni<T> timed(String command, Supplier<Uni<T>> work) {
        return timed(command, work, item -> "success");
    }

    /**
     * @param outcomeOf the outcome of a command that answered {@code item}: a refusal may be an answer rather
     *                  than a failure (the saga's rejection replies)
     */
    public <T> Uni<T> timed(String command, Supplier<Uni<T>> work, Function<T, String> outcomeOf) {
        return timer.time(NAME, "Inventory commands by outcome", command, work, outcomeOf, CommandMetrics::outcome);
    }

    static String outcome(Throwable failure) {
        if (failure == null) return "success";
        if (failure instanceof ProblemException p && p.problem().status() < 500) return "rejected";
        if (failure instanceof Refusal) return "rejected";
        if (failure instanceof jakarta.validation.ConstraintViolationException) return "rejected";
        return "error";
    }
}

package io.cloudlab.support.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.eventstore.decider.Decider;
import java.util.Arrays;
import java.util.List;

/**
 * The given/when/then of every aggregate's tests: given the events so far, when a command, then the events
 * it causes, or its refusal. Reads as the aggregate's rules, one line each:
 * <pre>{@code
 * spec.given(placed).when(new ConfirmPayment(payment, amount)).then(new OrderPaid(payment, amount));
 * spec.given(placed, paid).when(new CancelOrder("changed my mind", "c-1")).thenRefused(OrderRejection.class);
 * }</pre>
 */
public final class DeciderSpec<C, E, S> {

    private final Decider<C, E, S> decider;

    private DeciderSpec(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> DeciderSpec<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpec<>(decider);
    }

    @SafeVarargs
    public final Given given(E... history) {
        return new Given(Arrays.asList(history));
    }

    public final class Given {

        private final List<E> history;

        private Given(List<E> history) {
            this.history = List.copyOf(history);
        }

        /** The state the history leaves. */
        public S state() {
            return decider.fold(history);
        }

        public When when(C command) {
            return new When(state(), command);
        }
    }

    public final class When {

        private final S state;
        private final C command;

        private When(S state, C command) {
            this.state = state;
            this.command = command;
        }

        /** The command causes exactly these events; returns the state they leave. */
        @SafeVarargs
        public final S then(E... expected) {
            List<E> events = decider.decide(command, state);
            assertEquals(Arrays.asList(expected), events, "events of " + command);
            return decider.fold(state, events);
        }

        /** The command changes nothing (a repeat of what was done): no events. */
        public S thenNothing() {
            return then();
        }

        /** The command is refused with {@code refusal}; returns it for a look at its message or field. */
        public <X extends Throwable> X thenRefused(Class<X> refusal) {
            return assertThrows(refusal, () -> decider.decide(command, state), command + " should be refused");
        }
    }
}

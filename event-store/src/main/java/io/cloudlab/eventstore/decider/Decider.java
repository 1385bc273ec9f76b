package io.cloudlab.eventstore.decider;

import java.util.List;

/**
 * How every aggregate of the platform is written: an immutable state, {@code decide(command, state)} giving
 * the events a command causes (or refusing it by throwing), and {@code evolve(state, event)} giving the state
 * an event leaves. The state is the fold of the stream's events from {@link #initial()}; nothing else
 * changes it. Plain functions: no I/O, no clock, no ids but the ones a command carries.
 *
 * @param <C> the aggregate's commands (a sealed interface)
 * @param <E> its events (a sealed interface)
 * @param <S> its state (a record)
 */
public interface Decider<C, E, S> {

    /** The state of a stream with no events: the aggregate does not exist yet. */
    S initial();

    /** The events {@code command} causes in {@code state}; none when it would change nothing. */
    List<E> decide(C command, S state);

    S evolve(S state, E event);

    default S fold(List<? extends E> events) {
        return fold(initial(), events);
    }

    default S fold(S state, List<? extends E> events) {
        S folded = state;
        for (E event : events) folded = evolve(folded, event);
        return folded;
    }
}

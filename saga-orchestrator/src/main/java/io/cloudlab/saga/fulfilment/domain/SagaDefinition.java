package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.Contracts;
import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.SagaCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A saga as a table: its forward steps in order, each with the participant that carries it out (the one whose
 * contract holds the command), its compensation if it has one, the pivot, and the retriable steps after it;
 * the compensation of the saga's origin runs last whenever the saga compensates; the step that runs when the
 * saga stops for an operator. A saga with nothing to undo has no pivot: all its steps are retriable (what
 * started it is its point of no return). Steps are numbered in the order they can run: forward steps first,
 * then compensations in the order they run (reverse), then the stop's.
 *
 * <p>How a step behaves follows from its row: attempts and timeouts by kind ({@link SagaPolicy}), what is
 * undone by what was attempted (a reply can be lost, so an attempted step is undone even if never confirmed).
 */
public final class SagaDefinition {

    private final String type;
    private final List<SagaStep> forward;
    /** Forward step -> its compensation; the origin's under null. */
    private final Map<String, SagaStep> compensationOf;
    private final SagaStep originCompensation;
    private final SagaStep onStop;
    private final List<SagaStep> all;

    private SagaDefinition(String type, List<SagaStep> forward, Map<String, SagaStep> compensationOf, SagaStep origin,
            SagaStep onStop) {
        this.type = type;
        this.forward = List.copyOf(forward);
        this.compensationOf = Map.copyOf(compensationOf);
        this.originCompensation = origin;
        this.onStop = onStop;
        List<SagaStep> all = new ArrayList<>(forward);
        all.addAll(compensationsInOrder(forward.stream().map(SagaStep::name).toList()));
        if (onStop != null) all.add(onStop);
        this.all = List.copyOf(all);
    }

    public static Builder named(String type) {
        return new Builder(type);
    }

    /** saga_instances.saga_type. */
    public String type() {
        return type;
    }

    public SagaStep first() {
        return forward.get(0);
    }

    /** The forward step after {@code done}; null when it was the last. */
    public SagaStep next(SagaStep done) {
        int i = forward.indexOf(done);
        return i < 0 || i + 1 >= forward.size() ? null : forward.get(i + 1);
    }

    /** Every step, in step-number order. */
    public List<SagaStep> steps() {
        return all;
    }

    public SagaStep step(int number) {
        return all.stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + number + " in " + type));
    }

    public SagaStep step(String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name + " in " + type));
    }

    /** A step done before or at the pivot: marked compensated when the saga turns back. */
    public boolean undoable(SagaStep step) {
        return step.kind() == SagaStep.Kind.COMPENSATABLE || step.kind() == SagaStep.Kind.PIVOT;
    }

    /** The compensations to run, in order, for the forward steps {@code attempted} (by name). */
    public List<SagaStep> compensationsInOrder(java.util.Collection<String> attempted) {
        List<SagaStep> needed = new ArrayList<>();
        for (int i = forward.size() - 1; i >= 0; i--) {
            SagaStep c = compensationOf.get(forward.get(i).name());
            if (c != null && attempted.contains(forward.get(i).name())) needed.add(c);
        }
        if (originCompensation != null) needed.add(originCompensation);
        return needed;
    }

    /** The step's compensation, if it has one. */
    public SagaStep compensationOf(SagaStep step) {
        return compensationOf.get(step.name());
    }

    public SagaStep originCompensation() {
        return originCompensation;
    }

    /** The step that runs when the saga stops for an operator; null when the saga only stops. */
    public SagaStep onStop() {
        return onStop;
    }

    public static final class Builder {

        private final String type;
        private final List<Row> rows = new ArrayList<>();
        private Row origin;
        private Row onStop;
        private boolean pivoted;

        private record Row(String name, Class<? extends SagaCommand> command, Function<SagaContext, SagaCommand> make,
                SagaStep.Kind kind, Row compensation) {}

        private Builder(String type) {
            this.type = type;
        }

        /** The compensation of what started the saga: runs last whenever the saga compensates. */
        public <C extends SagaCommand> Builder origin(String compensation, Class<C> command, Function<SagaContext, C> make) {
            origin = new Row(compensation, command, make::apply, SagaStep.Kind.COMPENSATION, null);
            return this;
        }

        /** A step before the pivot, undone by {@code compensation}. */
        public <C extends SagaCommand, U extends SagaCommand> Builder step(String name, Class<C> command,
                Function<SagaContext, C> make, String compensation, Class<U> undo, Function<SagaContext, U> makeUndo) {
            if (pivoted) throw new IllegalStateException(name + ": a compensatable step after the pivot");
            rows.add(new Row(name, command, make::apply, SagaStep.Kind.COMPENSATABLE,
                    new Row(compensation, undo, makeUndo::apply, SagaStep.Kind.COMPENSATION, null)));
            return this;
        }

        /** The point of no return. */
        public <C extends SagaCommand> Builder pivot(String name, Class<C> command, Function<SagaContext, C> make) {
            if (pivoted) throw new IllegalStateException(name + ": a second pivot");
            pivoted = true;
            rows.add(new Row(name, command, make::apply, SagaStep.Kind.PIVOT, null));
            return this;
        }

        /** A step after the pivot (or of a saga with nothing to undo): done, never undone. */
        public <C extends SagaCommand> Builder retriable(String name, Class<C> command, Function<SagaContext, C> make) {
            boolean undoable = rows.stream().anyMatch(r -> r.kind() == SagaStep.Kind.COMPENSATABLE);
            if (!pivoted && undoable) throw new IllegalStateException(name + ": a retriable step before the pivot");
            rows.add(new Row(name, command, make::apply, SagaStep.Kind.RETRIABLE, null));
            return this;
        }

        /** What the saga tells its order when it stops for an operator. */
        public <C extends SagaCommand> Builder onStop(String name, Class<C> command, Function<SagaContext, C> make) {
            onStop = new Row(name, command, make::apply, SagaStep.Kind.ON_STOP, null);
            return this;
        }

        public SagaDefinition build() {
            List<SagaStep> forward = new ArrayList<>();
            for (Row r : rows) forward.add(step(forward.size() + 1, r));
            // Compensations are numbered in the order they run: reverse of the steps they undo, the origin last.
            Map<String, SagaStep> compensations = new java.util.HashMap<>();
            int number = forward.size();
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (rows.get(i).compensation() != null) {
                    compensations.put(rows.get(i).name(), step(++number, rows.get(i).compensation()));
                }
            }
            SagaStep originStep = origin == null ? null : step(++number, origin);
            SagaStep stopStep = onStop == null ? null : step(++number, onStop);
            List<String> names = new ArrayList<>(forward.stream().map(SagaStep::name).toList());
            compensations.values().forEach(c -> names.add(c.name()));
            if (originStep != null) names.add(originStep.name());
            if (stopStep != null) names.add(stopStep.name());
            if (names.size() != java.util.Set.copyOf(names).size()) throw new IllegalStateException("two steps share a name: " + names);
            return new SagaDefinition(type, forward, compensations, originStep, stopStep);
        }

        private static SagaStep step(int number, Row row) {
            Participant<?, ?> participant = Contracts.PARTICIPANTS.stream()
                    .filter(p -> p.commands().isAssignableFrom(row.command())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(row.command() + " is no participant's command"));
            return new SagaStep(number, row.name(), participant, row.command(), row.make(), row.kind());
        }
    }
}

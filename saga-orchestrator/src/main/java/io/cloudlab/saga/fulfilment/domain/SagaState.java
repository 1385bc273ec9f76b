package io.cloudlab.saga.fulfilment.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga as it stands: its definition and time rules, its order and what was asked of it, where it is, and
 * each step that has begun, in step-number order. A saga with no step begun and no deadline waits for the
 * order's fulfilment to end (see Fulfilment#follow). Immutable: {@link Saga#evolve} gives the next one.
 */
public record SagaState(SagaDefinition definition, UUID sagaId, SagaOrder order, SagaRequest request, SagaPolicy policy,
        SagaStatus status, SagaOutcome outcome, UUID paymentId, String failure, Map<String, Step> stepsByName) {

    public SagaState {
        Map<String, Step> ordered = new LinkedHashMap<>();
        stepsByName.values().stream().sorted(Comparator.comparingInt(s -> s.type().number()))
                .forEach(s -> ordered.put(s.type().name(), s));
        stepsByName = Collections.unmodifiableMap(ordered);
    }

    /** A saga as loaded: its steps as stored. */
    public static SagaState of(SagaDefinition definition, UUID sagaId, SagaOrder order, SagaRequest request,
            SagaPolicy policy, SagaStatus status, SagaOutcome outcome, UUID paymentId, String failure, List<Step> steps) {
        Map<String, Step> byName = new LinkedHashMap<>();
        steps.forEach(s -> byName.put(s.type().name(), s));
        return new SagaState(definition, sagaId, order, request, policy, status, outcome, paymentId, failure, byName);
    }

    SagaState with(Step step) {
        Map<String, Step> next = new LinkedHashMap<>(stepsByName);
        next.put(step.type().name(), step);
        return new SagaState(definition, sagaId, order, request, policy, status, outcome, paymentId, failure, next);
    }

    SagaState with(SagaStatus status, SagaOutcome outcome, UUID paymentId, String failure) {
        return new SagaState(definition, sagaId, order, request, policy, status, outcome, paymentId, failure, stepsByName);
    }

    public List<Step> steps() {
        return List.copyOf(stepsByName.values());
    }

    public Step step(String name) {
        return stepsByName.get(name);
    }

    /** When the saga's first step began. */
    public Instant startedAt() {
        return stepsByName.values().stream().map(Step::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** When the saga next needs attention if no reply comes: the running step's deadline. */
    public Instant deadline() {
        Step step = running();
        return step == null ? null : step.deadline();
    }

    /** saga_instances.current_step: the number of the step running or last touched. */
    public int currentStep() {
        Step step = running();
        if (step != null) return step.type().number();
        return stepsByName.values().stream().mapToInt(s -> s.type().number()).max().orElse(0);
    }

    private Step running() {
        for (Step s : stepsByName.values()) if (s.status() == StepStatus.RUNNING) return s;
        return null;
    }
}

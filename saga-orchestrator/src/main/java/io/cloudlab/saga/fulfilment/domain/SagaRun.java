package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.payment.PaymentReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The working copy of a saga while {@link Saga} decides one input: the rules, run on a mutable copy of the
 * state that records each change it makes as a {@link SagaEvent}. Nothing outside this package sees it.
 */
final class SagaRun {

    private static final String OUT_OF_ATTEMPTS = "; out of attempts";
    private static final String NOTHING_TO_DO = "nothing to do";

    private final SagaState initial;
    private final SagaDefinition definition;
    private final UUID sagaId;
    private final SagaOrder order;
    private final SagaRequest request;
    private final SagaPolicy policy;
    /** By step name, in step-number order. */
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<SagaEvent> changes = new ArrayList<>();
    private SagaStatus status;
    private SagaOutcome outcome;
    private UUID paymentId;
    private String failure;

    SagaRun(SagaState state) {
        this.initial = state;
        this.definition = state.definition();
        this.sagaId = state.sagaId();
        this.order = state.order();
        this.request = state.request();
        this.policy = state.policy();
        this.status = state.status();
        this.outcome = state.outcome();
        this.paymentId = state.paymentId();
        this.failure = state.failure();
        state.steps().forEach(step -> this.steps.put(step.type().name(), step));
    }

    /** What the input changed, in order: the steps, then the saga, then the commands it sends. */
    List<SagaEvent> events(List<StepCommand> sent) {
        List<SagaEvent> events = new ArrayList<>(changes);
        if (status != initial.status() || outcome != initial.outcome() || !Objects.equals(paymentId, initial.paymentId())
                || !Objects.equals(failure, initial.failure())) {
            events.add(new SagaEvent.SagaChanged(status, outcome, paymentId, failure));
        }
        sent.forEach(command -> events.add(new SagaEvent.CommandIssued(command)));
        return events;
    }

    /** Begins the first step that has something to do; a saga that began already is not begun again. */
    List<StepCommand> start(Instant now, Supplier<UUID> ids) {
        if (!steps.isEmpty()) return List.of();
        return forwardFrom(definition.first(), now, ids);
    }

    /**
     * A reply counts when it answers the running step: its current attempt, or an earlier attempt whose
     * answer was only slow (every attempt of a step asks for the same effect, and services apply it once).
     * A reply to a step that is no longer running (late, or a second copy) changes nothing, with one exception:
     * see {@link #lateSuccess}.
     */
    List<StepCommand> on(Reply reply, Instant now, Supplier<UUID> ids) {
        Step step = running();
        if (step == null) return lateSuccess(reply, now, ids);
        boolean current = reply.commandId().equals(step.commandId());
        boolean earlierAttempt = step.type().commandName().equals(reply.commandType());
        if (!current && !earlierAttempt) return List.of();
        if (reply.failure()) {
            return stepFailed(step, now, reply.type() + (reply.reason() == null ? "" : ": " + reply.reason()), reply.type(), ids);
        }
        return succeeded(step, reply, now, ids);
    }

    /** The running step's deadline passed: try again while attempts last, else treat it as failed. */
    List<StepCommand> onDeadline(Instant now, Supplier<UUID> ids) {
        Step step = running();
        if (step == null || step.deadline() == null || now.isBefore(step.deadline())) return List.of();
        String error = "no reply to " + step.type().commandName() + " within " + policy.timeoutOf(step.attempts()).toSeconds()
                + " s (attempt " + step.attempts() + ")";
        if (step.attempts() < policy.attemptsOf(step.type())) {
            put(step.timedOut(error));
            return List.of(begin(step.type(), now, ids));
        }
        return stepFailed(step, now, error + OUT_OF_ATTEMPTS, null, ids);
    }

    /**
     * A success that arrives after the saga gave up waiting for it: the step did happen, only its answer was
     * late. When the saga stopped for an operator because of that wait (a capture or a stock commit after the
     * order was paid, or a compensation), it goes on from there as if the answer had been in time.
     *
     * <p>Why: under load a reply can take longer than the last deadline, and a saga that stayed failed would
     * leave a paid order's stock reserved until an operator retried the step. A failure reply,
     * a reply after an operator's cancel, one to a step that failed by a reply, and one later than the longest
     * step timeout after the saga failed (an operator may have settled the order by hand since) change nothing.
     */
    private List<StepCommand> lateSuccess(Reply reply, Instant now, Supplier<UUID> ids) {
        if (status != SagaStatus.FAILED || reply.failure()) return List.of();
        Step gaveUp = stuckStep();
        if (gaveUp == null || !gaveUp.type().commandName().equals(reply.commandType())
                || gaveUp.lastReply() != null || gaveUp.error() == null || !gaveUp.error().endsWith(OUT_OF_ATTEMPTS)
                || gaveUp.completedAt() == null || now.isAfter(gaveUp.completedAt().plus(policy.maxTimeout()))) {
            return List.of();
        }
        resumeAt(gaveUp);
        return succeeded(gaveUp, reply, now, ids);
    }

    private List<StepCommand> succeeded(Step step, Reply reply, Instant now, Supplier<UUID> ids) {
        // The order's payment, once a participant names it: later steps (confirm, capture) refer to it.
        if (reply.body() instanceof PaymentReply payment && payment.paymentId() != null) paymentId = payment.paymentId();
        put(step.finished(StepStatus.COMPLETED, now, reply.type(), null));
        return next(step, now, ids);
    }

    /** Back to the phase of {@code step} (forward or compensating), without the failure that stopped it. */
    private void resumeAt(Step step) {
        status = step.type().compensation() ? SagaStatus.COMPENSATING : SagaStatus.STARTED;
        failure = null;
    }

    private List<StepCommand> next(Step done, Instant now, Supplier<UUID> ids) {
        if (done.type().kind() == SagaStep.Kind.ON_STOP) {
            // The order knows: the saga now waits for an operator.
            status = SagaStatus.FAILED;
            return List.of();
        }
        return done.type().compensation() ? nextCompensation(now, ids) : nextForward(done.type(), now, ids);
    }

    // --- operator actions ------------------------------------------------------------------------------

    /** Runs the failed (or stuck) step again, with fresh attempts: the way out of {@code failed}. */
    List<StepCommand> retry(Instant now, Supplier<UUID> ids) {
        Step step = stuckStep();
        if (step == null) throw new SagaStateRefusal("nothing to retry: the saga is " + status);
        resumeAt(step);
        put(new Step(step.type(), StepStatus.PENDING, 0, null, step.startedAt(), null, null,
                step.error(), step.lastReply()));
        return List.of(begin(step.type(), now, ids));
    }

    /** Marks the failed (or stuck) step done by hand (the operator fixed it elsewhere) and goes on. */
    List<StepCommand> skip(Instant now, Supplier<UUID> ids) {
        Step step = stuckStep();
        if (step == null) throw new SagaStateRefusal("nothing to skip: the saga is " + status);
        put(step.finished(StepStatus.COMPLETED, now, "skipped by an operator", step.error()));
        resumeAt(step);
        return next(step, now, ids);
    }

    /** Stops going forward and undoes what was done, whatever the saga's state. */
    List<StepCommand> compensate(Instant now, String why, Supplier<UUID> ids) {
        if (status == SagaStatus.COMPLETED) throw new SagaStateRefusal("the saga is already completed");
        Step step = running();
        if (step != null) put(step.finished(StepStatus.FAILED, now, null, why));
        return beginCompensation(now, why, ids);
    }

    /** Ends the saga as failed without sending anything (the operator takes it from here). */
    void cancel(Instant now, String why) {
        if (status.terminal()) throw new SagaStateRefusal("the saga is already " + status);
        Step step = running();
        if (step != null) put(step.finished(StepStatus.FAILED, now, null, why));
        status = SagaStatus.FAILED;
        failure = why;
    }

    // --- the machine -----------------------------------------------------------------------------------

    private List<StepCommand> nextForward(SagaStep done, Instant now, Supplier<UUID> ids) {
        return forwardFrom(definition.next(done), now, ids);
    }

    /**
     * Begins {@code step}, passing over it and the steps after it while they have nothing to do for this saga
     * (their command is made as null); past the last step the saga is completed.
     */
    private List<StepCommand> forwardFrom(SagaStep step, Instant now, Supplier<UUID> ids) {
        for (SagaStep s = step; s != null; s = definition.next(s)) {
            if (s.command().apply(context()) != null) return List.of(begin(s, now, ids));
            put(new Step(s, StepStatus.COMPLETED, 0, null, now, now, null, null, NOTHING_TO_DO));
        }
        status = SagaStatus.COMPLETED;
        outcome = SagaOutcome.FULFILLED;
        return List.of();
    }

    private List<StepCommand> stepFailed(Step step, Instant now, String error, String reply, Supplier<UUID> ids) {
        put(step.finished(StepStatus.FAILED, now, reply, error));
        if (step.type().kind() == SagaStep.Kind.ON_STOP) {
            status = SagaStatus.FAILED;
            failure = (failure == null ? "" : failure + "; ") + step.type() + " failed: " + error;
            return List.of();
        }
        if (step.type().compensation()) return stop(step.type() + " failed: " + error, now, ids);
        if (step.type().kind() == SagaStep.Kind.PIVOT && error.endsWith(OUT_OF_ATTEMPTS)) {
            // Unanswered, the pivot may have happened: undoing it blindly would void a paid order's payment.
            return stop(step.type() + " unanswered: " + error, now, ids);
        }
        if (step.type().kind() == SagaStep.Kind.RETRIABLE) {
            // Past the point of no return (the order is paid, or its undoing was asked for): going back is a
            // business decision. Stop for an operator.
            boolean paid = definition.steps().stream().anyMatch(s -> s.kind() == SagaStep.Kind.PIVOT);
            return stop(step.type() + (paid ? " failed after the order was paid: " : " failed: ") + error, now, ids);
        }
        return beginCompensation(now, step.type() + " failed: " + error, ids);
    }

    /** Stops for an operator: at once, or once the order is told, when the saga's definition says to tell it. */
    private List<StepCommand> stop(String why, Instant now, Supplier<UUID> ids) {
        failure = why;
        if (definition.onStop() == null) {
            status = SagaStatus.FAILED;
            return List.of();
        }
        return List.of(begin(definition.onStop(), now, ids));
    }

    private List<StepCommand> beginCompensation(Instant now, String why, Supplier<UUID> ids) {
        status = SagaStatus.COMPENSATING;
        failure = why;
        for (Step s : List.copyOf(steps.values())) {
            if (definition.undoable(s.type()) && s.status() == StepStatus.COMPLETED) {
                put(s.finished(StepStatus.COMPENSATED, s.completedAt(), s.lastReply(), null));
            }
        }
        return nextCompensation(now, ids);
    }

    /** The next compensation still to do, in reverse order of what the forward steps may have done. */
    private List<StepCommand> nextCompensation(Instant now, Supplier<UUID> ids) {
        // What was asked for may have happened (a reply can be lost), so undo whatever was attempted.
        for (SagaStep c : definition.compensationsInOrder(steps.keySet())) {
            Step s = steps.get(c.name());
            if (s == null || s.status() == StepStatus.PENDING) return List.of(begin(c, now, ids));
        }
        status = SagaStatus.COMPLETED;
        outcome = SagaOutcome.COMPENSATED;
        return List.of();
    }

    private StepCommand begin(SagaStep type, Instant now, Supplier<UUID> ids) {
        Step before = steps.get(type.name());
        int attempt = before == null ? 1 : before.attempts() + 1;
        UUID commandId = ids.get();
        put(Step.attempt(type, before, commandId, now, now.plus(policy.timeoutOf(attempt))));
        return new StepCommand(commandId, type, type.command().apply(context()));
    }

    private SagaContext context() {
        return new SagaContext(sagaId, order, paymentId, failure, request);
    }

    private void put(Step step) {
        steps.put(step.type().name(), step);
        changes.add(new SagaEvent.StepChanged(step));
    }

    private Step running() {
        for (Step s : steps.values()) if (s.status() == StepStatus.RUNNING) return s;
        return null;
    }

    /** The step an operator acts on: the failed one of a failed saga, or the running one of a live saga. */
    private Step stuckStep() {
        if (status == SagaStatus.COMPLETED) return null;
        Step step = running();
        if (step != null) return step;
        Step last = null;
        for (Step s : steps.values()) if (s.status() == StepStatus.FAILED) last = s;
        return last;
    }
}

package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.eventstore.decider.Decider;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A saga run by its {@link SagaDefinition}, in the platform's one aggregate style: {@code decide(input,
 * state)} gives the changes an input makes (steps, the saga's status, the commands it sends) and {@code
 * evolve(state, change)} the state they leave. The forward steps run in order; when one fails (or runs out
 * of attempts) before the pivot, the compensations of what may have been done run in reverse. Every step has
 * a deadline and bounded retries with exponential backoff, so a saga always ends: completed (fulfilled or
 * compensated), or failed for an operator when a step that cannot be undone (a compensation, a retriable step
 * after the pivot) runs out of its longer budget of attempts ({@link SagaPolicy}), or fails by its reply.
 *
 * <p>Plain Java: no clock, no ids but the inputs', no I/O. The caller saves what changed and appends the
 * commands in one transaction (the orchestrator's outbox).
 */
public final class Saga implements Decider<SagaInput, SagaEvent, SagaState> {

    private final SagaState initial;

    private Saga(SagaState initial) {
        this.initial = initial;
    }

    /** The fulfilment of one order, before it starts. */
    public static Saga of(SagaDefinition definition, UUID sagaId, SagaOrder order, SagaPolicy policy) {
        return of(definition, sagaId, order, null, null, policy);
    }

    /** A saga of one order, before it starts: what was asked of it, and the order's payment if known. */
    public static Saga of(SagaDefinition definition, UUID sagaId, SagaOrder order, SagaRequest request, UUID paymentId,
            SagaPolicy policy) {
        return new Saga(new SagaState(definition, sagaId, order, request, policy, SagaStatus.STARTED, null, paymentId,
                null, Map.of()));
    }

    /** The rules for a saga as loaded. */
    public static Saga of(SagaState loaded) {
        return new Saga(new SagaState(loaded.definition(), loaded.sagaId(), loaded.order(), loaded.request(),
                loaded.policy(), SagaStatus.STARTED, null, loaded.paymentId(), null, Map.of()));
    }

    @Override
    public SagaState initial() {
        return initial;
    }

    @Override
    public List<SagaEvent> decide(SagaInput input, SagaState state) {
        SagaRun run = new SagaRun(state);
        List<StepCommand> sent;
        if (input instanceof SagaInput.Start start) sent = run.start(start.now(), start.ids());
        else if (input instanceof SagaInput.ReplyArrived reply) sent = run.on(reply.reply(), reply.now(), reply.ids());
        else if (input instanceof SagaInput.DeadlinePassed deadline) sent = run.onDeadline(deadline.now(), deadline.ids());
        else if (input instanceof SagaInput.RetryStep retry) sent = run.retry(retry.now(), retry.ids());
        else if (input instanceof SagaInput.SkipStep skip) sent = run.skip(skip.now(), skip.ids());
        else if (input instanceof SagaInput.Compensate compensate) {
            sent = run.compensate(compensate.now(), compensate.why(), compensate.ids());
        } else {
            SagaInput.Cancel cancel = (SagaInput.Cancel) input;
            run.cancel(cancel.now(), cancel.why());
            sent = List.of();
        }
        return run.events(sent);
    }

    @Override
    public SagaState evolve(SagaState state, SagaEvent event) {
        if (event instanceof SagaEvent.StepChanged changed) return state.with(changed.step());
        if (event instanceof SagaEvent.SagaChanged changed) {
            return state.with(changed.status(), changed.outcome(), changed.paymentId(), changed.failure());
        }
        return state;
    }

    /** The commands among a decision's changes, in the order they are sent. */
    public static List<StepCommand> commands(List<SagaEvent> events) {
        return events.stream().filter(SagaEvent.CommandIssued.class::isInstance)
                .map(e -> ((SagaEvent.CommandIssued) e).command()).toList();
    }

    /** The steps a decision changed, each once, as the state after it holds them: what a save writes. */
    public static List<Step> changedSteps(SagaState after, List<SagaEvent> events) {
        return events.stream().filter(SagaEvent.StepChanged.class::isInstance)
                .map(e -> ((SagaEvent.StepChanged) e).step().type().name()).distinct().map(after::step).toList();
    }
}

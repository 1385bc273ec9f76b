package io.cloudlab.saga.fulfilment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The order-fulfilment saga: reserve stock, authorize the payment, confirm the order (paid), capture the
 * payment, commit the stock. When a forward step fails (or runs out of attempts) the saga undoes in reverse
 * what it may have done: void the payment (if authorization was asked for), release the stock (if a
 * reservation was asked for), reject the order. Every step has a deadline and bounded retries with
 * exponential backoff, so a saga always ends: completed (fulfilled or compensated), or failed for an
 * operator when a step that cannot be undone (a compensation, a paid order's capture or stock commit) runs out
 * of its longer budget of attempts ({@link SagaPolicy}).
 *
 * <p>Plain Java: no clock, no ids, no I/O. Each method returns the commands to send; the caller persists the
 * saga and appends the commands in one transaction (the orchestrator's outbox).
 */
public final class OrderFulfilmentSaga {

    private static final String OUT_OF_ATTEMPTS = "; out of attempts";

    private final UUID sagaId;
    private final OrderToFulfil order;
    private final SagaPolicy policy;
    private final Map<StepType, Step> steps;
    /** The steps as given to the constructor (as stored), to tell which ones a change touched. */
    private final Map<StepType, Step> stored;
    private SagaStatus status;
    private SagaOutcome outcome;
    private UUID paymentId;
    private String failure;

    public OrderFulfilmentSaga(UUID sagaId, OrderToFulfil order, SagaPolicy policy, SagaStatus status,
            SagaOutcome outcome, UUID paymentId, String failure, List<Step> steps) {
        this.sagaId = sagaId;
        this.order = order;
        this.policy = policy;
        this.status = status;
        this.outcome = outcome;
        this.paymentId = paymentId;
        this.failure = failure;
        this.steps = new EnumMap<>(StepType.class);
        steps.forEach(s -> this.steps.put(s.type(), s));
        this.stored = new EnumMap<>(this.steps);
    }

    /** A new saga for a placed order: its first command is to reserve the stock. */
    public static Start start(UUID sagaId, OrderToFulfil order, SagaPolicy policy, Instant now, Supplier<UUID> ids) {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga(sagaId, order, policy, SagaStatus.STARTED, null, null, null,
                List.of());
        return new Start(saga, List.of(saga.begin(StepType.RESERVE_STOCK, now, ids)));
    }

    public record Start(OrderFulfilmentSaga saga, List<SagaCommand> commands) {}

    /**
     * A reply counts when it answers the running step: its current attempt, or an earlier attempt whose
     * answer was only slow (every attempt of a step asks for the same effect, and services apply it once).
     * A reply to a step that is no longer running (late, or a second copy) changes nothing, with one exception:
     * see {@link #lateSuccess}.
     */
    public List<SagaCommand> on(Reply reply, Instant now, Supplier<UUID> ids) {
        Step step = running();
        if (step == null) return lateSuccess(reply, now, ids);
        boolean current = reply.commandId().equals(step.commandId());
        boolean earlierAttempt = step.type().command().equals(reply.commandType());
        if (!current && !earlierAttempt) return List.of();
        if (reply.failure()) {
            return stepFailed(step, now, reply.type() + (reply.reason() == null ? "" : ": " + reply.reason()), reply.type(), ids);
        }
        return succeeded(step, reply, now, ids);
    }

    /** The running step's deadline passed: try again while attempts last, else treat it as failed. */
    public List<SagaCommand> onDeadline(Instant now, Supplier<UUID> ids) {
        Step step = running();
        if (step == null || step.deadline() == null || now.isBefore(step.deadline())) return List.of();
        String error = "no reply to " + step.type().command() + " within " + policy.timeoutOf(step.attempts()).toSeconds()
                + " s (attempt " + step.attempts() + ")";
        if (step.attempts() < policy.attemptsOf(step.type())) {
            steps.put(step.type(), step.timedOut(error));
            return List.of(begin(step.type(), now, ids));
        }
        return stepFailed(step, now, error + OUT_OF_ATTEMPTS, null, ids);
    }

    /**
     * A success that arrives after the saga gave up waiting for it: the step did happen, only its answer was
     * late. When the saga stopped for an operator because of that wait (a capture or a stock commit after the
     * order was paid, or a compensation), it goes on from there as if the answer had been in time.
     *
     * <p>Why: under load a reply can take longer than the last deadline (deploy/load/run at 15 orders/s: 4 of
     * 1,082 sagas `failed` "no reply to CapturePayment within 40 s (attempt 3)" whose payments were captured),
     * and each of them left a paid order's stock reserved until an operator retried the step. A failure reply,
     * a reply after an operator's cancel, one to a step that failed by a reply, and one later than the longest
     * step timeout after the saga failed (an operator may have settled the order by hand since) change nothing.
     */
    private List<SagaCommand> lateSuccess(Reply reply, Instant now, Supplier<UUID> ids) {
        if (status != SagaStatus.FAILED || reply.failure()) return List.of();
        Step gaveUp = stuckStep();
        if (gaveUp == null || !gaveUp.type().command().equals(reply.commandType())
                || gaveUp.lastReply() != null || gaveUp.error() == null || !gaveUp.error().endsWith(OUT_OF_ATTEMPTS)
                || gaveUp.completedAt() == null || now.isAfter(gaveUp.completedAt().plus(policy.maxTimeout()))) {
            return List.of();
        }
        resumeAt(gaveUp);
        return succeeded(gaveUp, reply, now, ids);
    }

    private List<SagaCommand> succeeded(Step step, Reply reply, Instant now, Supplier<UUID> ids) {
        if (step.type() == StepType.AUTHORIZE_PAYMENT) paymentId = reply.paymentId();
        if (step.type() == StepType.VOID_PAYMENT && reply.paymentId() != null) paymentId = reply.paymentId();
        steps.put(step.type(), step.finished(StepStatus.COMPLETED, now, reply.type(), null));
        return next(step, now, ids);
    }

    /** Back to the phase of {@code step} (forward or compensating), without the failure that stopped it. */
    private void resumeAt(Step step) {
        status = step.type().compensation() ? SagaStatus.COMPENSATING : SagaStatus.STARTED;
        failure = null;
    }

    private List<SagaCommand> next(Step done, Instant now, Supplier<UUID> ids) {
        return done.type().compensation() ? nextCompensation(now, ids) : nextForward(done.type(), now, ids);
    }

    // --- operator actions ------------------------------------------------------------------------------

    /** Runs the failed (or stuck) step again, with fresh attempts: the way out of {@code failed}. */
    public List<SagaCommand> retry(Instant now, Supplier<UUID> ids) {
        Step step = stuckStep();
        if (step == null) throw new IllegalStateException("nothing to retry: the saga is " + status);
        resumeAt(step);
        steps.put(step.type(), new Step(step.type(), StepStatus.PENDING, 0, null, step.startedAt(), null, null,
                step.error(), step.lastReply()));
        return List.of(begin(step.type(), now, ids));
    }

    /** Marks the failed (or stuck) step done by hand (the operator fixed it elsewhere) and goes on. */
    public List<SagaCommand> skip(Instant now, Supplier<UUID> ids) {
        Step step = stuckStep();
        if (step == null) throw new IllegalStateException("nothing to skip: the saga is " + status);
        steps.put(step.type(), step.finished(StepStatus.COMPLETED, now, "skipped by an operator", step.error()));
        resumeAt(step);
        return next(step, now, ids);
    }

    /** Stops going forward and undoes what was done, whatever the saga's state. */
    public List<SagaCommand> compensate(Instant now, String why, Supplier<UUID> ids) {
        if (status == SagaStatus.COMPLETED) throw new IllegalStateException("the saga is already completed");
        Step step = running();
        if (step != null) steps.put(step.type(), step.finished(StepStatus.FAILED, now, null, why));
        return beginCompensation(now, why, ids);
    }

    /** Ends the saga as failed without sending anything (the operator takes it from here). */
    public void cancel(Instant now, String why) {
        if (status.terminal()) throw new IllegalStateException("the saga is already " + status);
        Step step = running();
        if (step != null) steps.put(step.type(), step.finished(StepStatus.FAILED, now, null, why));
        status = SagaStatus.FAILED;
        failure = why;
    }

    // --- the machine -----------------------------------------------------------------------------------

    private List<SagaCommand> nextForward(StepType done, Instant now, Supplier<UUID> ids) {
        StepType next = done.next();
        if (next == null) {
            status = SagaStatus.COMPLETED;
            outcome = SagaOutcome.FULFILLED;
            return List.of();
        }
        return List.of(begin(next, now, ids));
    }

    private List<SagaCommand> stepFailed(Step step, Instant now, String error, String reply, Supplier<UUID> ids) {
        steps.put(step.type(), step.finished(StepStatus.FAILED, now, reply, error));
        if (step.type().compensation()) {
            status = SagaStatus.FAILED;
            failure = step.type() + " failed: " + error;
            return List.of();
        }
        if (step.type() == StepType.CAPTURE_PAYMENT || step.type() == StepType.COMMIT_STOCK) {
            // The order is paid and confirmed: undoing it is a refund, a business decision. Stop for an operator.
            status = SagaStatus.FAILED;
            failure = step.type() + " failed after the order was paid: " + error;
            return List.of();
        }
        return beginCompensation(now, step.type() + " failed: " + error, ids);
    }

    private List<SagaCommand> beginCompensation(Instant now, String why, Supplier<UUID> ids) {
        status = SagaStatus.COMPENSATING;
        failure = why;
        for (StepType forward : List.of(StepType.RESERVE_STOCK, StepType.AUTHORIZE_PAYMENT, StepType.CONFIRM_ORDER)) {
            Step s = steps.get(forward);
            if (s != null && s.status() == StepStatus.COMPLETED) {
                steps.put(forward, s.finished(StepStatus.COMPENSATED, s.completedAt(), s.lastReply(), null));
            }
        }
        return nextCompensation(now, ids);
    }

    /** The next compensation still to do, in reverse order of what the forward steps may have done. */
    private List<SagaCommand> nextCompensation(Instant now, Supplier<UUID> ids) {
        for (StepType c : compensationsNeeded()) {
            Step s = steps.get(c);
            if (s == null || s.status() == StepStatus.PENDING) return List.of(begin(c, now, ids));
        }
        status = SagaStatus.COMPLETED;
        outcome = SagaOutcome.COMPENSATED;
        return List.of();
    }

    /** What was asked for may have happened (a reply can be lost), so undo whatever was attempted. */
    private List<StepType> compensationsNeeded() {
        List<StepType> needed = new ArrayList<>();
        if (steps.containsKey(StepType.AUTHORIZE_PAYMENT)) needed.add(StepType.VOID_PAYMENT);
        if (steps.containsKey(StepType.RESERVE_STOCK)) needed.add(StepType.RELEASE_STOCK);
        needed.add(StepType.REJECT_ORDER);
        return needed;
    }

    private SagaCommand begin(StepType type, Instant now, Supplier<UUID> ids) {
        Step before = steps.get(type);
        int attempt = before == null ? 1 : before.attempts() + 1;
        UUID commandId = ids.get();
        steps.put(type, Step.attempt(type, before, commandId, now, now.plus(policy.timeoutOf(attempt))));
        return new SagaCommand(commandId, type, fieldsOf(type));
    }

    private Map<String, Object> fieldsOf(StepType type) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("saga_id", sagaId.toString());
        fields.put("order_id", order.orderId().toString());
        switch (type) {
            case RESERVE_STOCK -> fields.put("lines", order.lines().stream()
                    .map(l -> Map.of("product_id", l.productId().toString(), "quantity", l.quantity())).toList());
            case AUTHORIZE_PAYMENT -> {
                fields.put("customer_id", order.customerId());
                fields.put("amount", order.totalAmount());
                fields.put("currency", order.currency());
                fields.put("payment_method", order.paymentMethod());
                fields.put("payment_method_id", order.paymentMethodId() == null ? null : order.paymentMethodId().toString());
            }
            case CONFIRM_ORDER, CAPTURE_PAYMENT -> {
                fields.put("payment_id", paymentId == null ? null : paymentId.toString());
                fields.put("amount", order.totalAmount());
            }
            case REJECT_ORDER -> fields.put("reason", failure == null ? "could not be fulfilled" : failure);
            default -> { }
        }
        return fields;
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

    public UUID sagaId() { return sagaId; }

    public OrderToFulfil order() { return order; }

    public SagaStatus status() { return status; }

    public SagaOutcome outcome() { return outcome; }

    public UUID paymentId() { return paymentId; }

    public String failure() { return failure; }

    public List<Step> steps() { return List.copyOf(steps.values()); }

    /**
     * The steps that differ from the stored ones: what a save has to write. A change touches one or two steps
     * (the one that finished, the one that began); writing all of them made four upserts per save on average
     * (11,822 in a 40 s deploy/load/run at 12 orders/s).
     */
    public List<Step> changedSteps() {
        return steps.values().stream().filter(s -> !s.equals(stored.get(s.type()))).toList();
    }

    public Step step(StepType type) { return steps.get(type); }

    /** When the saga next needs attention if no reply comes: the running step's deadline. */
    public Instant deadline() {
        Step step = running();
        return step == null ? null : step.deadline();
    }

    /** saga_instances.current_step: the number of the step running or last touched. */
    public int currentStep() {
        Step step = running();
        if (step != null) return step.type().number();
        return steps.keySet().stream().mapToInt(StepType::number).max().orElse(0);
    }
}

package io.cloudlab.saga.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.contracts.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A saga test reads as the script of its message exchange: an order is placed, the saga sends a command,
 * a service replies, time passes... The clock and the command ids are the script's, so deadlines and
 * late replies are exact.
 */
final class SagaScript {

    static final UUID PAYMENT = UUID.fromString("00000000-0000-0000-0000-00000000beef");
    private static final SagaOrder ORDER = new SagaOrder(UUID.randomUUID(), UUID.randomUUID(), "customer-1", "EUR",
            "99.90", "credit_card", UUID.randomUUID(), List.of(new SagaOrder.Line(UUID.randomUUID(), 2)));

    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private int nextId;
    private Saga rules;
    private SagaState saga;
    /** The changes since the saga was last saved and loaded: what the next save writes. */
    private final List<SagaEvent> unsaved = new ArrayList<>();
    private List<StepCommand> sent = new ArrayList<>();
    private final List<StepCommand> history = new ArrayList<>();
    private final SagaPolicy policy = new SagaPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, 4);

    static SagaScript orderPlaced() {
        SagaScript script = new SagaScript();
        script.rules = Saga.of(OrderFulfilmentSaga.DEFINITION, UUID.randomUUID(), ORDER, script.policy);
        script.saga = script.rules.initial();
        return script.decide(new SagaInput.Start(script.now, script::id));
    }

    /** A saga that undoes a paid order ({@code definition}: its cancellation, a refund), asked for {@code request}. */
    static SagaScript asked(SagaDefinition definition, SagaRequest request) {
        SagaScript script = new SagaScript();
        script.rules = Saga.of(definition, UUID.randomUUID(), ORDER, request, PAYMENT, script.policy);
        script.saga = script.rules.initial();
        return script.decide(new SagaInput.Start(script.now, script::id));
    }

    SagaScript expectCommand(SagaStep step) {
        assertEquals(1, sent.size(), "one command expected, sent " + sent);
        assertEquals(step, sent.get(0).step());
        return this;
    }

    SagaScript expectCommandField(String field, Object value) {
        assertEquals(value, Wire.fields(sent.get(0).command()).get(field));
        return this;
    }

    /** Another start of a saga that began (the order's fulfilment ended twice): nothing. */
    SagaScript startedAgain() {
        return decide(new SagaInput.Start(now, this::id));
    }

    SagaScript expectFailure(String failure) {
        assertEquals(failure, saga.failure());
        return this;
    }

    SagaScript expectNothingSent() {
        assertTrue(sent.isEmpty(), "nothing expected, sent " + sent);
        return this;
    }

    /** The service answers the last command sent. */
    SagaScript reply(String type) {
        return reply(type, null);
    }

    SagaScript reply(String type, String reason) {
        StepCommand last = history.get(history.size() - 1);
        return deliver(new Reply(last.commandId(), last.step().commandName(), Replies.of(type, reason, PAYMENT)));
    }

    /** A reply to an earlier command, arriving late or twice. */
    SagaScript replyTo(StepCommand earlier, String type) {
        return deliver(new Reply(earlier.commandId(), earlier.step().commandName(), Replies.of(type, null, PAYMENT)));
    }

    StepCommand lastCommand() {
        return history.get(history.size() - 1);
    }

    SagaScript after(Duration elapsed) {
        now = now.plus(elapsed);
        return decide(new SagaInput.DeadlinePassed(now, this::id));
    }

    SagaScript operatorRetries() {
        return decide(new SagaInput.RetryStep(now, this::id));
    }

    SagaScript operatorSkips() {
        return decide(new SagaInput.SkipStep(now, this::id));
    }

    SagaScript operatorCompensates() {
        return decide(new SagaInput.Compensate(now, "operator", this::id));
    }

    SagaScript expectStatus(SagaStatus status, SagaOutcome outcome) {
        assertEquals(status, saga.status(), "status; failure: " + saga.failure());
        assertEquals(outcome, saga.outcome());
        return this;
    }

    SagaScript expectStep(SagaStep type, StepStatus status, int attempts) {
        Step step = saga.step(type.name());
        assertNotNull(step, type + " never ran");
        assertEquals(status, step.status(), type.toString());
        assertEquals(attempts, step.attempts(), type + " attempts");
        return this;
    }

    SagaScript expectDeadline(Duration fromNow) {
        assertEquals(now.plus(fromNow), saga.deadline());
        return this;
    }

    SagaScript operatorCancels() {
        return decide(new SagaInput.Cancel(now, "operator: customer called"));
    }

    SagaState saga() {
        return saga;
    }

    /** The saga saved and loaded back, as the orchestrator does between two messages. */
    SagaScript savedAndLoaded() {
        saga = SagaState.of(saga.definition(), saga.sagaId(), saga.order(), saga.request(), policy, saga.status(), saga.outcome(),
                saga.paymentId(), saga.failure(), saga.steps());
        unsaved.clear();
        return this;
    }

    /** The steps the next save writes: those changed since the saga was loaded. */
    SagaScript expectWritten(SagaStep... types) {
        assertEquals(List.of(types), Saga.changedSteps(saga, unsaved).stream().map(Step::type).toList());
        return this;
    }

    private SagaScript deliver(Reply reply) {
        return decide(new SagaInput.ReplyArrived(reply, now, this::id));
    }

    /** The saga decides, and the script keeps the state the changes leave and the commands they send. */
    private SagaScript decide(SagaInput input) {
        List<SagaEvent> events = rules.decide(input, saga);
        saga = rules.fold(saga, events);
        unsaved.addAll(events);
        sent(Saga.commands(events));
        return this;
    }

    private void sent(List<StepCommand> commands) {
        sent = commands;
        history.addAll(commands);
    }

    private UUID id() {
        return new UUID(0, ++nextId);
    }
}

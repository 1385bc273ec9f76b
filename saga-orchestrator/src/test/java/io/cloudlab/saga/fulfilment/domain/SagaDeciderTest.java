package io.cloudlab.saga.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudlab.contracts.inventory.InventoryReply;
import io.cloudlab.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga in the platform's one aggregate style, through the fixture every aggregate's tests share. */
class SagaDeciderTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final UUID FIRST_COMMAND = new UUID(0, 1);
    static final SagaOrder ORDER = new SagaOrder(UUID.randomUUID(), UUID.randomUUID(), "customer-1", "EUR",
            "99.90", "credit_card", UUID.randomUUID(), List.of(new SagaOrder.Line(UUID.randomUUID(), 2)));
    static final SagaPolicy POLICY = new SagaPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, 4);

    final Saga rules = Saga.of(OrderFulfilmentSaga.DEFINITION, UUID.randomUUID(), ORDER, POLICY);
    final DeciderSpec<SagaInput, SagaEvent, SagaState> spec = DeciderSpec.of(rules);

    SagaEvent[] started() {
        return rules.decide(new SagaInput.Start(T0, () -> FIRST_COMMAND), rules.initial()).toArray(SagaEvent[]::new);
    }

    @Test
    void aStartBeginsTheFirstStepAndSendsItsCommand() {
        SagaState state = spec.given(started()).state();
        assertEquals(SagaStatus.STARTED, state.status());
        assertEquals(StepStatus.RUNNING, state.step("reserve_stock").status());
        assertEquals(T0.plusSeconds(10), state.deadline());
        List<SagaEvent> events = List.of(started());
        assertEquals(FIRST_COMMAND, Saga.commands(events).get(0).commandId());
    }

    @Test
    void aReplyToACommandTheSagaNeverSentChangesNothing() {
        spec.given(started()).when(new SagaInput.ReplyArrived(new Reply(UUID.randomUUID(), "AuthorizePayment",
                new InventoryReply.StockCommitted()), T0.plusSeconds(1), UUID::randomUUID)).thenNothing();
    }

    @Test
    void aDeadlineNotYetReachedChangesNothing() {
        spec.given(started()).when(new SagaInput.DeadlinePassed(T0.plusSeconds(9), UUID::randomUUID)).thenNothing();
    }

    @Test
    void anOperatorsCancelFailsTheRunningStepAndTheSagaAndCannotBeRepeated() {
        Step reserve = spec.given(started()).state().step("reserve_stock");
        SagaState cancelled = spec.given(started()).when(new SagaInput.Cancel(T0, "settled by hand")).then(
                new SagaEvent.StepChanged(reserve.finished(StepStatus.FAILED, T0, null, "settled by hand")),
                new SagaEvent.SagaChanged(SagaStatus.FAILED, null, null, "settled by hand"));
        assertEquals(SagaStatus.FAILED, cancelled.status());

        List<SagaEvent> history = new java.util.ArrayList<>(List.of(started()));
        history.addAll(rules.decide(new SagaInput.Cancel(T0, "settled by hand"), spec.given(started()).state()));
        spec.given(history.toArray(SagaEvent[]::new)).when(new SagaInput.Cancel(T0, "again")).thenRefused(SagaStateRefusal.class);
    }

    @Test
    void anOperatorCannotSkipWhereNothingIsStuck() {
        spec.given().when(new SagaInput.SkipStep(T0, UUID::randomUUID)).thenRefused(SagaStateRefusal.class);
    }
}

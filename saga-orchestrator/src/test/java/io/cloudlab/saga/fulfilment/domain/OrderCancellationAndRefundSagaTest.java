package io.cloudlab.saga.fulfilment.domain;

import static io.cloudlab.saga.fulfilment.domain.SagaStatus.COMPLETED;
import static io.cloudlab.saga.fulfilment.domain.SagaStatus.FAILED;
import static io.cloudlab.saga.fulfilment.domain.SagaStatus.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sagas that undo a paid order, its cancellation and a refund, as scripts of their message exchange. */
class OrderCancellationAndRefundSagaTest {

    static final SagaStep CANCEL_REFUND = OrderCancellationSaga.DEFINITION.step("refund_payment");
    static final SagaStep CANCEL_RETURN = OrderCancellationSaga.DEFINITION.step("return_stock");
    static final SagaStep COMPLETE = OrderCancellationSaga.DEFINITION.step("complete_cancellation");
    static final SagaStep CANCEL_HOLD = OrderCancellationSaga.DEFINITION.step("hold_order");
    static final SagaStep REFUND = OrderRefundSaga.DEFINITION.step("refund_payment");
    static final SagaStep RETURN = OrderRefundSaga.DEFINITION.step("return_stock");
    static final SagaStep RECORD = OrderRefundSaga.DEFINITION.step("record_refund");

    static final SagaRequest WHOLE = new SagaRequest(new BigDecimal("99.90"), "changed my mind", true);

    @Test
    void aPaidOrderIsRefundedItsUnitsReturnedThenItEndsCancelled() {
        SagaScript.asked(OrderCancellationSaga.DEFINITION, WHOLE)
                .expectCommand(CANCEL_REFUND).expectCommandField("amount", "99.90")
                .expectCommandField("payment_id", SagaScript.PAYMENT.toString())
                .reply("PaymentRefunded")
                .expectCommand(CANCEL_RETURN)
                .reply("StockReturned")
                .expectCommand(COMPLETE).expectCommandField("refunded_amount", "99.90")
                .reply("CancellationCompleted")
                .expectNothingSent()
                .expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void aRefundTheGatewayRefusesHoldsTheOrderThenStopsForAnOperatorWhoSkipsItOnceRefundedByHand() {
        SagaScript script = SagaScript.asked(OrderCancellationSaga.DEFINITION, WHOLE)
                .reply("PaymentRefundRefused", "gateway_refused")
                .expectCommand(CANCEL_HOLD)
                .expectCommandField("reason", "refund_payment failed: PaymentRefundRefused: gateway_refused")
                .expectStatus(STARTED, null)
                .reply("OrderHeld")
                .expectNothingSent()
                .expectStatus(FAILED, null)
                .expectFailure("refund_payment failed: PaymentRefundRefused: gateway_refused")
                .expectStep(CANCEL_REFUND, StepStatus.FAILED, 1)
                .savedAndLoaded();
        // Retried, it is refused again: the order is held again and the saga waits again.
        script.operatorRetries().expectCommand(CANCEL_REFUND)
                .reply("PaymentRefundRefused", "gateway_refused").expectCommand(CANCEL_HOLD)
                .reply("OrderHeld").expectStatus(FAILED, null)
                // Refunded by hand at the provider: the operator skips the step, and the saga goes on.
                .operatorSkips().expectCommand(CANCEL_RETURN)
                .reply("StockReturned").expectCommand(COMPLETE)
                .reply("CancellationCompleted").expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void anUnansweredStepIsRetriedLongAndThenHoldsTheOrder() {
        SagaScript.asked(OrderCancellationSaga.DEFINITION, WHOLE)
                .reply("PaymentRefunded")
                .expectCommand(CANCEL_RETURN)
                .after(Duration.ofSeconds(10)).expectCommand(CANCEL_RETURN)
                .after(Duration.ofSeconds(20)).expectCommand(CANCEL_RETURN)
                .after(Duration.ofSeconds(40)).expectCommand(CANCEL_RETURN)
                .after(Duration.ofSeconds(60)).expectCommand(CANCEL_HOLD)
                .expectStep(CANCEL_RETURN, StepStatus.FAILED, 4)
                .reply("OrderHeld").expectStatus(FAILED, null);
    }

    @Test
    void aSagaBegunAlreadyIsNotBegunAgain() {
        SagaScript.asked(OrderCancellationSaga.DEFINITION, WHOLE).expectCommand(CANCEL_REFUND)
                .startedAgain().expectNothingSent().expectStep(CANCEL_REFUND, StepStatus.RUNNING, 1);
    }

    @Test
    void aPartialRefundWithoutRestockMovesTheMoneyAndRecordsItPassingOverTheStock() {
        SagaScript script = SagaScript.asked(OrderRefundSaga.DEFINITION, new SagaRequest(new BigDecimal("20.00"), "scratched", false))
                .expectCommand(REFUND).expectCommandField("amount", "20.00").expectCommandField("reason", "scratched")
                .reply("PaymentRefunded")
                .expectCommand(RECORD).expectCommandField("amount", "20.00")
                .expectStep(RETURN, StepStatus.COMPLETED, 0);
        assertEquals(script.saga().sagaId().toString(), script.lastCommand().command().sagaId().toString());
        script.reply("RefundRecorded").expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void aReturnRefundsRestocksAndRecords() {
        SagaScript.asked(OrderRefundSaga.DEFINITION, new SagaRequest(new BigDecimal("99.90"), "returned", true))
                .reply("PaymentRefunded").expectCommand(RETURN)
                .reply("StockReturned").expectCommand(RECORD)
                .reply("RefundRecorded").expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void theTablesReadInOrderWithTheStopStepLast() {
        assertEquals(List.of("refund_payment", "return_stock", "complete_cancellation", "hold_order"),
                OrderCancellationSaga.DEFINITION.steps().stream().map(SagaStep::name).toList());
        assertEquals(List.of(1, 2, 3, 4), OrderCancellationSaga.DEFINITION.steps().stream().map(SagaStep::number).toList());
        assertEquals(List.of("refund_payment", "return_stock", "record_refund", "hold_order"),
                OrderRefundSaga.DEFINITION.steps().stream().map(SagaStep::name).toList());
    }
}

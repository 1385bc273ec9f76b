package io.cloudlab.saga.fulfilment.domain;

import static io.cloudlab.saga.fulfilment.domain.SagaStatus.COMPENSATING;
import static io.cloudlab.saga.fulfilment.domain.SagaStatus.COMPLETED;
import static io.cloudlab.saga.fulfilment.domain.SagaStatus.FAILED;
import static io.cloudlab.saga.fulfilment.domain.SagaStatus.STARTED;
import static io.cloudlab.saga.fulfilment.domain.Steps.AUTHORIZE_PAYMENT;
import static io.cloudlab.saga.fulfilment.domain.Steps.CAPTURE_PAYMENT;
import static io.cloudlab.saga.fulfilment.domain.Steps.COMMIT_STOCK;
import static io.cloudlab.saga.fulfilment.domain.Steps.CONFIRM_ORDER;
import static io.cloudlab.saga.fulfilment.domain.Steps.REJECT_ORDER;
import static io.cloudlab.saga.fulfilment.domain.Steps.RELEASE_STOCK;
import static io.cloudlab.saga.fulfilment.domain.Steps.RESERVE_STOCK;
import static io.cloudlab.saga.fulfilment.domain.Steps.VOID_PAYMENT;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The order-fulfilment saga, as scripts of its message exchange with the services. */
class OrderFulfilmentSagaTest {

    @Test
    void aPlacedOrderIsReservedChargedConfirmedCapturedAndCommitted() {
        SagaScript.orderPlaced()
                .expectCommand(RESERVE_STOCK).expectDeadline(Duration.ofSeconds(10))
                .reply("StockReserved")
                .expectCommand(AUTHORIZE_PAYMENT).expectCommandField("amount", "99.90").expectCommandField("currency", "EUR")
                .reply("PaymentAuthorized")
                .expectCommand(CONFIRM_ORDER).expectCommandField("payment_id", SagaScript.PAYMENT.toString())
                .reply("OrderConfirmed")
                .expectCommand(CAPTURE_PAYMENT)
                .reply("PaymentCaptured")
                .expectCommand(COMMIT_STOCK)
                .reply("StockCommitted")
                .expectNothingSent()
                .expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void noStockRejectsTheOrderAndReleasesWhatMightHaveBeenReserved() {
        SagaScript.orderPlaced()
                .expectCommand(RESERVE_STOCK)
                .reply("StockReservationRejected", "insufficient_stock")
                .expectCommand(RELEASE_STOCK)
                .reply("StockReleased")
                .expectCommand(REJECT_ORDER)
                .reply("OrderRejected")
                .expectStatus(COMPLETED, SagaOutcome.COMPENSATED)
                .expectStep(RESERVE_STOCK, StepStatus.FAILED, 1);
    }

    @Test
    void aDeclinedPaymentVoidsReleasesTheStockAndRejectsTheOrder() {
        SagaScript.orderPlaced()
                .reply("StockReserved")
                .expectCommand(AUTHORIZE_PAYMENT)
                .reply("PaymentDeclined", "insufficient_funds")
                .expectCommand(VOID_PAYMENT).expectStatus(COMPENSATING, null)
                .reply("PaymentVoided")
                .expectCommand(RELEASE_STOCK)
                .reply("StockReleased")
                .expectCommand(REJECT_ORDER).expectCommandField("reason", "authorize_payment failed: PaymentDeclined: insufficient_funds")
                .reply("OrderRejected")
                .expectStatus(COMPLETED, SagaOutcome.COMPENSATED)
                .expectStep(RESERVE_STOCK, StepStatus.COMPENSATED, 1);
    }

    @Test
    void aSilentServiceIsAskedAgainWithBackoffThenTheSagaCompensates() {
        SagaScript script = SagaScript.orderPlaced().reply("StockReserved").expectCommand(AUTHORIZE_PAYMENT);
        script.after(Duration.ofSeconds(9)).expectNothingSent()
                .after(Duration.ofSeconds(1)).expectCommand(AUTHORIZE_PAYMENT).expectDeadline(Duration.ofSeconds(20))
                .after(Duration.ofSeconds(20)).expectCommand(AUTHORIZE_PAYMENT).expectDeadline(Duration.ofSeconds(40))
                .expectStep(AUTHORIZE_PAYMENT, StepStatus.RUNNING, 3)
                .after(Duration.ofSeconds(40)).expectCommand(VOID_PAYMENT)
                .expectStep(AUTHORIZE_PAYMENT, StepStatus.FAILED, 3);
    }

    @Test
    void aSlowReplyToAnEarlierAttemptOfTheRunningStepCountsButALateOrDuplicateOneChangesNothing() {
        SagaScript script = SagaScript.orderPlaced();
        StepCommand first = script.lastCommand();
        script.after(Duration.ofSeconds(10)).expectCommand(RESERVE_STOCK);
        // The first attempt's answer was only slow (a consumer rebalancing): the stock is reserved.
        script.replyTo(first, "StockReserved").expectCommand(AUTHORIZE_PAYMENT)
                .expectStep(RESERVE_STOCK, StepStatus.COMPLETED, 2);
        // The second attempt's answer, and a second copy of the first, arrive now: the step is done.
        script.replyTo(first, "StockReserved").expectNothingSent();
        script.replyTo(new StepCommand(new java.util.UUID(0, 2), RESERVE_STOCK, null), "StockReservationRejected")
                .expectNothingSent().expectStep(AUTHORIZE_PAYMENT, StepStatus.RUNNING, 1).expectStatus(STARTED, null);
    }

    @Test
    void aCompensationThatKeepsFailingLeavesTheSagaFailedWithTheStepAndError() {
        SagaScript.orderPlaced()
                .reply("StockReservationRejected", "insufficient_stock")
                .expectCommand(RELEASE_STOCK)
                .after(Duration.ofSeconds(10)).expectCommand(RELEASE_STOCK)
                .after(Duration.ofSeconds(20)).expectCommand(RELEASE_STOCK)
                .after(Duration.ofSeconds(40)).expectCommand(RELEASE_STOCK).expectDeadline(Duration.ofSeconds(60))
                .after(Duration.ofSeconds(60)).expectNothingSent()
                .expectStatus(FAILED, null)
                .expectStep(RELEASE_STOCK, StepStatus.FAILED, 4);
    }

    @Test
    void anOperatorRetriesTheFailedCompensationAndTheSagaFinishes() {
        SagaScript.orderPlaced()
                .reply("StockReservationRejected")
                .after(Duration.ofSeconds(10)).after(Duration.ofSeconds(20)).after(Duration.ofSeconds(40))
                .after(Duration.ofSeconds(60)).expectStatus(FAILED, null)
                .operatorRetries().expectCommand(RELEASE_STOCK).expectStatus(COMPENSATING, null)
                .reply("StockReleased").expectCommand(REJECT_ORDER)
                .reply("OrderRejected").expectStatus(COMPLETED, SagaOutcome.COMPENSATED);
    }

    @Test
    void anOperatorSkipsAStuckStepOrForcesCompensation() {
        SagaScript.orderPlaced().reply("StockReserved").expectCommand(AUTHORIZE_PAYMENT)
                .operatorSkips().expectCommand(CONFIRM_ORDER).expectStatus(STARTED, null);
        SagaScript.orderPlaced().reply("StockReserved")
                .operatorCompensates().expectCommand(VOID_PAYMENT).expectStatus(COMPENSATING, null);
    }

    @Test
    void aCaptureThatFailsAfterThePaymentStopsForAnOperatorInsteadOfUndoingAPaidOrder() {
        SagaScript script = SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized")
                .reply("OrderConfirmed").expectCommand(CAPTURE_PAYMENT)
                .reply("PaymentCaptureFailed", "authorization expired")
                .expectNothingSent().expectStatus(FAILED, null);
        assertThrows(SagaStateRefusal.class, () -> SagaScript.orderPlaced().reply("StockReserved")
                .reply("PaymentAuthorized").reply("OrderConfirmed").reply("PaymentCaptured").reply("StockCommitted")
                .operatorRetries());
        script.expectStep(CAPTURE_PAYMENT, StepStatus.FAILED, 1);
    }

    /**
     * A confirmed order whose capture was asked four times and never answered: the saga failed for an operator.
     * A step before the payment gets three attempts; a paid order's capture is never undone, only done, so it
     * gets the compensations' budget (four here, six by default).
     */
    private static SagaScript captureGivenUp() {
        return SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized").reply("OrderConfirmed")
                .expectCommand(CAPTURE_PAYMENT)
                .after(Duration.ofSeconds(10)).expectCommand(CAPTURE_PAYMENT)
                .after(Duration.ofSeconds(20)).expectCommand(CAPTURE_PAYMENT)
                .after(Duration.ofSeconds(40)).expectCommand(CAPTURE_PAYMENT).expectStatus(STARTED, null)
                .expectStep(CAPTURE_PAYMENT, StepStatus.RUNNING, 4)
                .after(Duration.ofSeconds(60)).expectNothingSent().expectStatus(FAILED, null)
                .expectStep(CAPTURE_PAYMENT, StepStatus.FAILED, 4);
    }

    @Test
    void aPaidOrdersStockCommitIsAskedAgainAsLongAsACompensationBeforeTheSagaGivesUp() {
        SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized").reply("OrderConfirmed")
                .reply("PaymentCaptured").expectCommand(COMMIT_STOCK)
                .after(Duration.ofSeconds(10)).expectCommand(COMMIT_STOCK)
                .after(Duration.ofSeconds(20)).expectCommand(COMMIT_STOCK)
                .after(Duration.ofSeconds(40)).expectCommand(COMMIT_STOCK)
                .reply("StockCommitted").expectNothingSent().expectStatus(COMPLETED, SagaOutcome.FULFILLED)
                .expectStep(COMMIT_STOCK, StepStatus.COMPLETED, 4);
    }

    @Test
    void aCaptureAnsweredAfterTheLastDeadlineResumesTheSagaInsteadOfLeavingAPaidOrderToAnOperator() {
        SagaScript script = captureGivenUp();
        // The payment service was only slow: its answer to one of the attempts comes now.
        script.replyTo(script.lastCommand(), "PaymentCaptured")
                .expectCommand(COMMIT_STOCK).expectStatus(STARTED, null)
                .expectStep(CAPTURE_PAYMENT, StepStatus.COMPLETED, 4)
                .reply("StockCommitted").expectStatus(COMPLETED, SagaOutcome.FULFILLED);
    }

    @Test
    void aLateCompensationAnswerFinishesTheCompensation() {
        SagaScript script = SagaScript.orderPlaced().reply("StockReservationRejected").expectCommand(RELEASE_STOCK);
        StepCommand release = script.lastCommand();
        script.after(Duration.ofSeconds(10)).after(Duration.ofSeconds(20)).after(Duration.ofSeconds(40))
                .after(Duration.ofSeconds(60)).expectStatus(FAILED, null)
                .replyTo(release, "StockReleased").expectCommand(REJECT_ORDER)
                .reply("OrderRejected").expectStatus(COMPLETED, SagaOutcome.COMPENSATED);
    }

    @Test
    void aLateFailureAReplyAfterAnOperatorsCancelAndAnAnswerToAnotherStepChangeNothing() {
        SagaScript timedOut = captureGivenUp();
        StepCommand capture = timedOut.lastCommand();
        timedOut.replyTo(capture, "PaymentCaptureFailed").expectNothingSent().expectStatus(FAILED, null)
                .replyTo(new StepCommand(capture.commandId(), COMMIT_STOCK, null), "StockCommitted")
                .expectNothingSent().expectStatus(FAILED, null);

        SagaScript cancelled = SagaScript.orderPlaced().reply("StockReserved").expectCommand(AUTHORIZE_PAYMENT);
        StepCommand authorize = cancelled.lastCommand();
        cancelled.operatorCancels();
        cancelled.replyTo(authorize, "PaymentAuthorized").expectNothingSent().expectStatus(FAILED, null);
    }

    @Test
    void aSaveWritesOnlyTheStepsTheChangeTouched() {
        SagaScript script = SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized")
                .expectCommand(CONFIRM_ORDER);
        StepCommand confirm = script.lastCommand();
        script.savedAndLoaded().reply("OrderConfirmed").expectWritten(CONFIRM_ORDER, CAPTURE_PAYMENT)
                .savedAndLoaded().after(Duration.ofSeconds(10)).expectCommand(CAPTURE_PAYMENT).expectWritten(CAPTURE_PAYMENT)
                .savedAndLoaded().replyTo(confirm, "OrderConfirmed").expectNothingSent().expectWritten();
    }

    @Test
    void aSuccessLaterThanTheLongestTimeoutAfterTheFailureIsLeftToTheOperator() {
        SagaScript script = captureGivenUp();
        script.after(Duration.ofMinutes(2)).after(Duration.ofSeconds(1))
                .replyTo(script.lastCommand(), "PaymentCaptured").expectNothingSent().expectStatus(FAILED, null);
    }

    @Test
    void anOrderThatCannotBeRejectedLeavesTheSagaToAnOperator() {
        SagaScript.orderPlaced().reply("StockReservationRejected").expectCommand(RELEASE_STOCK)
                .reply("StockReleased").expectCommand(REJECT_ORDER)
                .reply("OrderRejectionFailed", "an order that is paid cannot be rejected")
                .expectNothingSent().expectStatus(FAILED, null).expectStep(REJECT_ORDER, StepStatus.FAILED, 1);
    }

    /**
     * The pivot unanswered through all its attempts may have happened (the order paid, its reply late): the
     * saga stops for an operator instead of voiding the payment of what may be a paid order, and the late
     * answer, when it comes, carries it on.
     */
    @Test
    void anUnansweredPivotStopsForAnOperatorAndItsLateAnswerCarriesTheSagaOn() {
        SagaScript script = SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized")
                .expectCommand(CONFIRM_ORDER);
        StepCommand confirm = script.lastCommand();
        script.after(Duration.ofSeconds(10)).after(Duration.ofSeconds(20)).after(Duration.ofSeconds(40))
                .expectCommand(CONFIRM_ORDER).after(Duration.ofSeconds(60))
                .expectNothingSent().expectStatus(FAILED, null).expectStep(CONFIRM_ORDER, StepStatus.FAILED, 4)
                .replyTo(confirm, "OrderConfirmed").expectCommand(CAPTURE_PAYMENT).expectStatus(STARTED, null);
    }

    @Test
    void aPivotRefusedByItsParticipantIsUndone() {
        SagaScript.orderPlaced().reply("StockReserved").reply("PaymentAuthorized").expectCommand(CONFIRM_ORDER)
                .reply("OrderConfirmationRejected", "an order that is cancelled cannot be paid")
                .expectCommand(VOID_PAYMENT).expectStatus(COMPENSATING, null);
    }
}

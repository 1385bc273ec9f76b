package io.cloudlab.payment.payment.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorizationTimedOut;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorized;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentCaptured;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentDeclined;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentVoided;
import io.cloudlab.contracts.payment.PaymentReply;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given a payment's events, when a saga command meets it, then this reply (or: ask the gateway). */
class SagaAnswersTest {

    static final UUID ID = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final BigDecimal AMOUNT = new BigDecimal("99.90");

    static final PaymentEvent AUTHORIZED = new PaymentAuthorized(ORDER, "c-1", AMOUNT, "EUR", PaymentMethodType.PAYPAL,
            null, null, null, "auth_1");
    static final PaymentEvent DECLINED = new PaymentDeclined(ORDER, "c-1", AMOUNT, "EUR", PaymentMethodType.CREDIT_CARD,
            DeclineReason.INSUFFICIENT_FUNDS);
    static final PaymentEvent TIMED_OUT = new PaymentAuthorizationTimedOut(ORDER, "c-1", AMOUNT, "EUR",
            PaymentMethodType.PAYPAL, null);

    static PaymentState given(PaymentEvent... events) {
        return Payment.DECIDER.fold(List.of(events));
    }

    @Test
    void authorizeAsksTheGatewayForANewOrPendingPayment() {
        assertTrue(SagaAnswers.authorizationSettled(ID, given()).isEmpty());
        assertTrue(SagaAnswers.authorizationSettled(ID, given(TIMED_OUT)).isEmpty());
    }

    @Test
    void aNewAttemptAfterTheAuthorizationIsAnsweredFromTheState() {
        PaymentReply authorized = new PaymentReply.PaymentAuthorized(ID, AMOUNT, "EUR");
        assertEquals(Optional.of(authorized), SagaAnswers.authorizationSettled(ID, given(AUTHORIZED)));
        assertEquals(Optional.of(authorized), SagaAnswers.authorizationSettled(ID, 
                given(AUTHORIZED, new PaymentCaptured(ORDER, AMOUNT, AMOUNT))));
        assertEquals(Optional.of(new PaymentReply.PaymentDeclined(ID, "insufficient_funds")),
                SagaAnswers.authorizationSettled(ID, given(DECLINED)));
        assertEquals(Optional.of(new PaymentReply.PaymentDeclined(ID, "declined")),
                SagaAnswers.authorizationSettled(ID, given(AUTHORIZED, new PaymentVoided(ORDER))));
    }

    @Test
    void afterTheGatewayTheReplySaysWhatItAnswered() {
        assertEquals(new PaymentReply.PaymentAuthorized(ID, AMOUNT, "EUR"), SagaAnswers.afterAuthorization(ID, given(AUTHORIZED)));
        assertEquals(new PaymentReply.PaymentDeclined(ID, "insufficient_funds"), SagaAnswers.afterAuthorization(ID, given(DECLINED)));
        assertEquals(new PaymentReply.PaymentFailed(ID, "gateway_timeout"), SagaAnswers.afterAuthorization(ID, given(TIMED_OUT)));
    }

    @Test
    void captureOfNoPaymentOrAnotherOrdersFails_ofACapturedOneIsCapturedAgain() {
        assertEquals(Optional.of(new PaymentReply.PaymentCaptureFailed(ID, "payment_not_found")),
                SagaAnswers.captureSettled(ID, given(), ORDER));
        assertEquals(Optional.of(new PaymentReply.PaymentCaptureFailed(ID, "payment_not_found")),
                SagaAnswers.captureSettled(ID, given(AUTHORIZED), UUID.randomUUID()));
        assertTrue(SagaAnswers.captureSettled(ID, given(AUTHORIZED), ORDER).isEmpty());
        BigDecimal part = new BigDecimal("50.00");
        assertEquals(Optional.of(new PaymentReply.PaymentCaptured(ID, part, part)),
                SagaAnswers.captureSettled(ID, given(AUTHORIZED, new PaymentCaptured(ORDER, part, part)), ORDER));
    }

    @Test
    void voidIsAnIdempotentSuccessWhenNothingHoldsMoney() {
        assertEquals(Optional.of(new PaymentReply.PaymentVoided(null, false, null)), SagaAnswers.voidSettled(ID, given()));
        assertEquals(Optional.of(new PaymentReply.PaymentVoided(ID, false, "declined")), SagaAnswers.voidSettled(ID, given(DECLINED)));
        assertEquals(Optional.of(new PaymentReply.PaymentVoided(ID, true, "voided")),
                SagaAnswers.voidSettled(ID, given(AUTHORIZED, new PaymentVoided(ORDER))));
        assertEquals(Optional.of(new PaymentReply.PaymentVoided(ID, false, "captured")),
                SagaAnswers.voidSettled(ID, given(AUTHORIZED, new PaymentCaptured(ORDER, AMOUNT, AMOUNT))));
        assertTrue(SagaAnswers.voidSettled(ID, given(AUTHORIZED)).isEmpty());
        assertTrue(SagaAnswers.voidSettled(ID, given(TIMED_OUT)).isEmpty(), "pending: the gateway may hold money");
    }
}

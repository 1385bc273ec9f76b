package io.cloudlab.payment.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.AuthorizationTerms;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorizationTimedOut;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentAuthorized;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentCaptured;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentDeclined;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentRefunded;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentVoided;
import io.cloudlab.payment.payment.domain.PaymentRejected.AlreadyExists;
import io.cloudlab.payment.payment.domain.PaymentRejected.AmountAboveLimit;
import io.cloudlab.payment.payment.domain.PaymentRejected.IllegalTransition;
import io.cloudlab.payment.payment.domain.PaymentRejected.InvalidAmount;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Payment aggregate, given events, when a command, then events or a refusal. */
class PaymentTest {

    static final UUID PAYMENT = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final UUID METHOD = UUID.randomUUID();
    static final AuthorizationTerms TERMS = new AuthorizationTerms(ORDER, "customer-1", money("100.00"), "EUR",
            PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242");

    static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(ORDER, "customer-1", money("100.00"), "EUR",
            PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242", "auth_1");
    static final PaymentCaptured CAPTURED = new PaymentCaptured(ORDER, money("100.00"), money("100.00"));

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static Payment given(PaymentEvent... events) {
        return Payment.replay(PAYMENT, List.of(events));
    }

    @Test
    void anApprovedAuthorizationAuthorizesWithTheCardAndReference() {
        List<PaymentEvent> events = given().authorize(TERMS, new GatewayAnswer.Approved("auth_1"));
        assertEquals(List.of(AUTHORIZED), events);
        Payment after = given().applyAll(events);
        assertEquals(PaymentStatus.AUTHORIZED, after.status());
        assertEquals(1, after.version());
        assertEquals("auth_1", after.gatewayReference());
    }

    @Test
    void aDeclinedAuthorizationIsRecordedWithItsReason() {
        List<PaymentEvent> events = given().authorize(TERMS, new GatewayAnswer.Declined(DeclineReason.INSUFFICIENT_FUNDS));
        assertEquals(List.of(new PaymentDeclined(ORDER, "customer-1", money("100.00"), "EUR",
                PaymentMethodType.CREDIT_CARD, DeclineReason.INSUFFICIENT_FUNDS)), events);
        Payment after = given().applyAll(events);
        assertEquals(PaymentStatus.DECLINED, after.status());
        assertEquals(DeclineReason.INSUFFICIENT_FUNDS, after.declineReason());
    }

    @Test
    void aTimeoutLeavesThePaymentPendingAndTheSameTermsResumeIt() {
        List<PaymentEvent> events = given().authorize(TERMS, new GatewayAnswer.TimedOut());
        assertTrue(events.get(0) instanceof PaymentAuthorizationTimedOut);
        Payment pending = given().applyAll(events);
        assertEquals(PaymentStatus.PENDING, pending.status());

        assertEquals(List.of(), pending.authorize(TERMS, new GatewayAnswer.TimedOut()), "still unknown: nothing new");
        assertEquals(List.of(AUTHORIZED), pending.authorize(TERMS, new GatewayAnswer.Approved("auth_1")));
    }

    @Test
    void aPendingPaymentIsNotResumedWithOtherTerms() {
        Payment pending = given(new PaymentAuthorizationTimedOut(ORDER, "customer-1", money("100.00"), "EUR",
                PaymentMethodType.CREDIT_CARD, METHOD));
        AuthorizationTerms more = new AuthorizationTerms(ORDER, "customer-1", money("100.01"), "EUR",
                PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242");
        assertThrows(AlreadyExists.class, () -> pending.checkAuthorizable(more));
    }

    @Test
    void anOrderIsAuthorizedOnlyOnce() {
        AlreadyExists e = assertThrows(AlreadyExists.class,
                () -> given(AUTHORIZED).authorize(TERMS, new GatewayAnswer.Approved("auth_2")));
        assertEquals(PaymentStatus.AUTHORIZED, e.current());
        assertThrows(AlreadyExists.class, () -> given(new PaymentDeclined(ORDER, "customer-1", money("100.00"), "EUR",
                PaymentMethodType.CREDIT_CARD, DeclineReason.DECLINED)).checkAuthorizable(TERMS));
    }

    @Test
    void zeroNegativeAndSubCentAmountsAreRefused() {
        for (String amount : List.of("0", "0.00", "-1.00", "1.001")) {
            AuthorizationTerms t = new AuthorizationTerms(ORDER, "c", money(amount), "EUR", PaymentMethodType.PAYPAL,
                    null, null, null);
            assertThrows(InvalidAmount.class, () -> given().checkAuthorizable(t), amount);
        }
    }

    @Test
    void captureTakesTheWholeAuthorizationByDefault() {
        assertEquals(List.of(CAPTURED), given(AUTHORIZED).capture(Optional.empty()));
        Payment captured = given(AUTHORIZED, CAPTURED);
        assertEquals(PaymentStatus.CAPTURED, captured.status());
        assertEquals(money("100.00"), captured.capturedAmount());
    }

    @Test
    void aPartialCaptureIsAllowedButNeverMoreThanAuthorized() {
        assertEquals(List.of(new PaymentCaptured(ORDER, money("60.00"), money("60.00"))),
                given(AUTHORIZED).capture(Optional.of(money("60"))));
        AmountAboveLimit e = assertThrows(AmountAboveLimit.class, () -> given(AUTHORIZED).capture(Optional.of(money("100.01"))));
        assertEquals(money("100.00"), e.limit());
        assertThrows(InvalidAmount.class, () -> given(AUTHORIZED).capture(Optional.of(money("0"))));
    }

    @Test
    void captureNeedsAnAuthorizedPayment() {
        assertEquals(PaymentStatus.CAPTURED, assertThrows(IllegalTransition.class,
                () -> given(AUTHORIZED, CAPTURED).capture(Optional.empty())).current());
        assertEquals(PaymentStatus.VOIDED, assertThrows(IllegalTransition.class,
                () -> given(AUTHORIZED, new PaymentVoided(ORDER)).capture(Optional.empty())).current());
        assertThrows(IllegalTransition.class, () -> given().capture(Optional.empty()));
    }

    @Test
    void voidReleasesAnAuthorizationButNotACapture() {
        assertEquals(List.of(new PaymentVoided(ORDER)), given(AUTHORIZED).voidAuthorization());
        assertEquals(PaymentStatus.VOIDED, given(AUTHORIZED, new PaymentVoided(ORDER)).status());
        IllegalTransition e = assertThrows(IllegalTransition.class, () -> given(AUTHORIZED, CAPTURED).voidAuthorization());
        assertTrue(e.getMessage().contains("captured"), e.getMessage());
        assertThrows(IllegalTransition.class, () -> given(AUTHORIZED, new PaymentVoided(ORDER)).voidAuthorization());
    }

    @Test
    void refundsAddUpAndNeverExceedTheCapturedAmount() {
        List<PaymentEvent> first = given(AUTHORIZED, CAPTURED).refund(money("30.00"), "damaged");
        assertEquals(List.of(new PaymentRefunded(ORDER, money("30.00"), money("30.00"), "damaged")), first);
        Payment partly = given(AUTHORIZED, CAPTURED).applyAll(first);
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, partly.status());

        AmountAboveLimit above = assertThrows(AmountAboveLimit.class, () -> partly.refund(money("70.01"), "more"));
        assertEquals(money("70.00"), above.limit());

        List<PaymentEvent> rest = partly.refund(money("70.00"), "rest");
        assertEquals(new PaymentRefunded(ORDER, money("70.00"), money("100.00"), "rest"), rest.get(0));
        Payment refunded = partly.applyAll(rest);
        assertEquals(PaymentStatus.REFUNDED, refunded.status());
        assertThrows(IllegalTransition.class, () -> refunded.refund(money("0.01"), "again"));
    }

    @Test
    void refundsAreLimitedByWhatWasCapturedNotWhatWasAuthorized() {
        Payment partlyCaptured = given(AUTHORIZED, new PaymentCaptured(ORDER, money("40.00"), money("40.00")));
        assertThrows(AmountAboveLimit.class, () -> partlyCaptured.refund(money("40.01"), "x"));
        assertEquals(PaymentStatus.REFUNDED, partlyCaptured.applyAll(partlyCaptured.refund(money("40.00"), "x")).status());
    }

    @Test
    void onlyCapturedPaymentsAreRefunded() {
        assertEquals(PaymentStatus.AUTHORIZED,
                assertThrows(IllegalTransition.class, () -> given(AUTHORIZED).refund(money("1.00"), "x")).current());
        assertThrows(IllegalTransition.class, () -> given(new PaymentDeclined(ORDER, "c", money("1.00"), "EUR",
                PaymentMethodType.PAYPAL, DeclineReason.DECLINED)).refund(money("1.00"), "x"));
    }

    @Test
    void thePaymentIdIsTheSameForEveryAttemptToPayAnOrder() {
        UUID tenant = UUID.randomUUID();
        assertEquals(Payment.idForOrder(tenant, ORDER), Payment.idForOrder(tenant, ORDER));
        assertTrue(!Payment.idForOrder(tenant, ORDER).equals(Payment.idForOrder(UUID.randomUUID(), ORDER)));
    }
}

package io.cloudlab.payment.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.eventstore.decider.Refusal.Kind;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.AuthorizationTerms;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentCommand;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment;
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
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod.Why;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import io.cloudlab.support.testing.DeciderSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Payment aggregate: given its events, when a command, then the events it causes or its refusal. */
class PaymentTest {

    static final DeciderSpec<PaymentCommand, PaymentEvent, PaymentState> payment = DeciderSpec.of(Payment.DECIDER);

    static final UUID PAYMENT = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final UUID METHOD = UUID.randomUUID();
    static final AuthorizationTerms TERMS = new AuthorizationTerms(ORDER, "customer-1", money("100.00"), "EUR",
            PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242");

    static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(ORDER, "customer-1", money("100.00"), "EUR",
            PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242", "auth_1");
    static final PaymentDeclined DECLINED = new PaymentDeclined(ORDER, "customer-1", money("100.00"), "EUR",
            PaymentMethodType.CREDIT_CARD, DeclineReason.DECLINED);
    static final PaymentAuthorizationTimedOut TIMED_OUT = new PaymentAuthorizationTimedOut(ORDER, "customer-1",
            money("100.00"), "EUR", PaymentMethodType.CREDIT_CARD, METHOD);
    static final PaymentCaptured CAPTURED = new PaymentCaptured(ORDER, money("100.00"), money("100.00"));
    static final PaymentVoided VOIDED = new PaymentVoided(ORDER);
    static final PaymentRefunded REFUNDED_30 = new PaymentRefunded(ORDER, money("30.00"), money("30.00"), "damaged", null);

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static AuthorizePayment authorize(AuthorizationTerms terms, GatewayAnswer answer) {
        return new AuthorizePayment(terms, answer);
    }

    static AuthorizePayment approved(String reference) {
        return authorize(TERMS, new GatewayAnswer.Approved(reference));
    }

    static CapturePayment capture(String amount) {
        return new CapturePayment(PAYMENT, Optional.ofNullable(amount).map(BigDecimal::new));
    }

    static RefundPayment refund(String amount, String reason) {
        return new RefundPayment(PAYMENT, money(amount), reason, null);
    }

    static final VoidPayment VOID = new VoidPayment(PAYMENT);

    // --- authorize --------------------------------------------------------------------------------

    @Test
    void anApprovedAuthorizationAuthorizesWithTheCardAndReference() {
        PaymentState after = payment.given().when(approved("auth_1")).then(AUTHORIZED);
        assertEquals(PaymentStatus.AUTHORIZED, after.status());
        assertTrue(after.exists());
        assertEquals("auth_1", after.gatewayReference());
        assertEquals(TERMS, after.terms());
    }

    @Test
    void aDeclinedAuthorizationIsRecordedWithItsReason() {
        PaymentState after = payment.given().when(authorize(TERMS, new GatewayAnswer.Declined(DeclineReason.INSUFFICIENT_FUNDS)))
                .then(new PaymentDeclined(ORDER, "customer-1", money("100.00"), "EUR", PaymentMethodType.CREDIT_CARD,
                        DeclineReason.INSUFFICIENT_FUNDS));
        assertEquals(PaymentStatus.DECLINED, after.status());
        assertEquals(DeclineReason.INSUFFICIENT_FUNDS, after.declineReason());
    }

    @Test
    void aTimeoutLeavesThePaymentPendingAndTheSameTermsResumeIt() {
        assertEquals(PaymentStatus.PENDING, payment.given().when(authorize(TERMS, new GatewayAnswer.TimedOut())).then(TIMED_OUT).status());
        payment.given(TIMED_OUT).when(authorize(TERMS, new GatewayAnswer.TimedOut())).thenNothing(); // still unknown: nothing new
        payment.given(TIMED_OUT).when(approved("auth_1")).then(AUTHORIZED);
        payment.given(TIMED_OUT).when(authorize(TERMS, new GatewayAnswer.Declined(DeclineReason.DECLINED))).then(DECLINED);
    }

    @Test
    void aPendingPaymentDeclinedKeepsTheStoredCardItWasAskedFor() {
        assertEquals(METHOD, payment.given(TIMED_OUT, DECLINED).state().terms().paymentMethodId());
        assertNull(payment.given(DECLINED).state().terms().paymentMethodId());
    }

    @Test
    void aPendingPaymentIsNotResumedWithOtherTerms() {
        AuthorizationTerms more = new AuthorizationTerms(ORDER, "customer-1", money("100.01"), "EUR",
                PaymentMethodType.CREDIT_CARD, METHOD, "visa", "4242");
        payment.given(TIMED_OUT).when(authorize(more, new GatewayAnswer.Approved("auth_1"))).thenRefused(AlreadyExists.class);
        assertThrows(AlreadyExists.class, () -> Payment.checkAuthorizable(payment.given(TIMED_OUT).state(), more));
    }

    @Test
    void anOrderIsAuthorizedOnlyOnce() {
        assertEquals(PaymentStatus.AUTHORIZED,
                payment.given(AUTHORIZED).when(approved("auth_2")).thenRefused(AlreadyExists.class).current());
        payment.given(DECLINED).when(approved("auth_2")).thenRefused(AlreadyExists.class);
        payment.given(AUTHORIZED, VOIDED).when(approved("auth_2")).thenRefused(AlreadyExists.class);
        assertThrows(AlreadyExists.class, () -> Payment.checkAuthorizable(payment.given(DECLINED).state(), TERMS));
    }

    @Test
    void zeroNegativeAndSubCentAmountsAreRefused() {
        for (String amount : List.of("0", "0.00", "-1.00", "1.001")) {
            AuthorizationTerms t = new AuthorizationTerms(ORDER, "c", money(amount), "EUR", PaymentMethodType.PAYPAL,
                    null, null, null);
            payment.given().when(authorize(t, new GatewayAnswer.Approved("auth_1"))).thenRefused(InvalidAmount.class);
            assertThrows(InvalidAmount.class, () -> Payment.checkAuthorizable(payment.given().state(), t), amount);
        }
    }

    @Test
    void anAuthorizationIsApprovedDeclinedOrTimedOutNeverRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Payment.DECIDER.decide(authorize(TERMS, new GatewayAnswer.Refused("no")), Payment.DECIDER.initial()));
    }

    // --- capture ----------------------------------------------------------------------------------

    @Test
    void captureTakesTheWholeAuthorizationByDefault() {
        PaymentState captured = payment.given(AUTHORIZED).when(capture(null)).then(CAPTURED);
        assertEquals(PaymentStatus.CAPTURED, captured.status());
        assertEquals(money("100.00"), captured.capturedAmount());
    }

    @Test
    void aPartialCaptureIsAllowedButNeverMoreThanAuthorized() {
        payment.given(AUTHORIZED).when(capture("60")).then(new PaymentCaptured(ORDER, money("60.00"), money("60.00")));
        assertEquals(money("100.00"), payment.given(AUTHORIZED).when(capture("100.01")).thenRefused(AmountAboveLimit.class).limit());
        payment.given(AUTHORIZED).when(capture("0")).thenRefused(InvalidAmount.class);
        payment.given(AUTHORIZED).when(capture("0.001")).thenRefused(InvalidAmount.class);
    }

    @Test
    void captureNeedsAnAuthorizedPayment() {
        assertEquals(PaymentStatus.CAPTURED, payment.given(AUTHORIZED, CAPTURED).when(capture(null)).thenRefused(IllegalTransition.class).current());
        assertEquals(PaymentStatus.VOIDED, payment.given(AUTHORIZED, VOIDED).when(capture(null)).thenRefused(IllegalTransition.class).current());
        assertEquals(PaymentStatus.PENDING, payment.given(TIMED_OUT).when(capture(null)).thenRefused(IllegalTransition.class).current());
        assertNull(payment.given().when(capture(null)).thenRefused(IllegalTransition.class).current());
    }

    // --- void -------------------------------------------------------------------------------------

    @Test
    void voidReleasesAnAuthorizationButNotACapture() {
        assertEquals(PaymentStatus.VOIDED, payment.given(AUTHORIZED).when(VOID).then(VOIDED).status());
        IllegalTransition e = payment.given(AUTHORIZED, CAPTURED).when(VOID).thenRefused(IllegalTransition.class);
        assertTrue(e.getMessage().contains("captured"), e.getMessage());
        payment.given(AUTHORIZED, VOIDED).when(VOID).thenRefused(IllegalTransition.class);
        assertEquals("cannot void a payment that does not exist",
                payment.given().when(VOID).thenRefused(IllegalTransition.class).getMessage());
    }

    // --- refund -----------------------------------------------------------------------------------

    @Test
    void refundsAddUpAndNeverExceedTheCapturedAmount() {
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED,
                payment.given(AUTHORIZED, CAPTURED).when(refund("30.00", "damaged")).then(REFUNDED_30).status());
        assertEquals(money("70.00"),
                payment.given(AUTHORIZED, CAPTURED, REFUNDED_30).when(refund("70.01", "more")).thenRefused(AmountAboveLimit.class).limit());
        PaymentRefunded rest = new PaymentRefunded(ORDER, money("70.00"), money("100.00"), "rest", null);
        assertEquals(PaymentStatus.REFUNDED, payment.given(AUTHORIZED, CAPTURED, REFUNDED_30).when(refund("70.00", "rest")).then(rest).status());
        payment.given(AUTHORIZED, CAPTURED, REFUNDED_30, rest).when(refund("0.01", "again")).thenRefused(IllegalTransition.class);
    }

    @Test
    void refundsAreLimitedByWhatWasCapturedNotWhatWasAuthorized() {
        PaymentCaptured partly = new PaymentCaptured(ORDER, money("40.00"), money("40.00"));
        payment.given(AUTHORIZED, partly).when(refund("40.01", "x")).thenRefused(AmountAboveLimit.class);
        assertEquals(PaymentStatus.REFUNDED, payment.given(AUTHORIZED, partly).when(refund("40.00", "x"))
                .then(new PaymentRefunded(ORDER, money("40.00"), money("40.00"), "x", null)).status());
    }

    @Test
    void onlyCapturedPaymentsAreRefunded() {
        assertEquals(PaymentStatus.AUTHORIZED, payment.given(AUTHORIZED).when(refund("1.00", "x")).thenRefused(IllegalTransition.class).current());
        payment.given(DECLINED).when(refund("1.00", "x")).thenRefused(IllegalTransition.class);
        payment.given().when(refund("1.00", "x")).thenRefused(IllegalTransition.class);
    }

    @Test
    void aRefundIsOfAPositiveWholeCentAmount() {
        payment.given(AUTHORIZED, CAPTURED).when(refund("0", "x")).thenRefused(InvalidAmount.class);
        payment.given(AUTHORIZED, CAPTURED).when(refund("-1.00", "x")).thenRefused(InvalidAmount.class);
        payment.given(AUTHORIZED, CAPTURED).when(refund("1.005", "x")).thenRefused(InvalidAmount.class);
    }

    // --- identity and refusals --------------------------------------------------------------------

    @Test
    void thePaymentIdIsTheSameForEveryAttemptToPayAnOrder() {
        UUID tenant = UUID.randomUUID();
        assertEquals(Payment.idForOrder(tenant, ORDER), Payment.idForOrder(tenant, ORDER));
        assertNotEquals(Payment.idForOrder(tenant, ORDER), Payment.idForOrder(UUID.randomUUID(), ORDER));
    }

    /** The problem each refusal is answered with over REST: status (kind), type (slug), field. */
    @Test
    void eachRefusalNamesItsProblem() {
        refusal(new IllegalTransition("void", PaymentStatus.CAPTURED), Kind.CONFLICT, "illegal-transition", null);
        refusal(new AlreadyExists(PaymentStatus.AUTHORIZED), Kind.CONFLICT, "payment-exists", "order_id");
        refusal(new AmountAboveLimit("the refund", money("1.00")), Kind.UNPROCESSABLE, "amount-above-limit", "amount");
        refusal(new InvalidAmount("amount must be greater than 0"), Kind.INVALID, "invalid-input", "amount");
        refusal(new UnusablePaymentMethod(Why.MISSING, "x"), Kind.INVALID, "invalid-input", "payment_method_id");
        refusal(new UnusablePaymentMethod(Why.UNKNOWN, "x"), Kind.UNPROCESSABLE, "unknown-payment-method", "payment_method_id");
        refusal(new UnusablePaymentMethod(Why.MISMATCH, "x"), Kind.UNPROCESSABLE, "payment-method-mismatch", "payment_method");
    }

    static void refusal(Refusal refusal, Kind kind, String slug, String field) {
        assertEquals(kind, refusal.kind(), refusal.getMessage());
        assertEquals(slug, refusal.slug(), refusal.getMessage());
        assertEquals(field, refusal.field(), refusal.getMessage());
    }
}

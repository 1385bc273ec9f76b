package io.cloudlab.payment.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.payment.TestSupport;
import io.cloudlab.payment.method.domain.CardBrand;
import io.cloudlab.payment.method.domain.CardDetails;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.CardToken;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The sandbox behaves like a provider's test mode, against its real table. */
@QuarkusTest
@TestProfile(SandboxPaymentGatewayTest.SlowCardOutlastsTheTests.class)
class SandboxPaymentGatewayTest {

    /**
     * The slow card answers long after any test here has ended, so what must happen before its answer (the
     * caller gets control back; a retry with its key is answered) is seen in that order, never timed.
     */
    public static class SlowCardOutlastsTheTests implements QuarkusTestProfile {
        static final Duration SLOW_ANSWER = Duration.ofMinutes(10);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudlab.payment.sandbox.slow-answer", SLOW_ANSWER.toString());
        }
    }

    @Inject
    PaymentGateway gateway;

    @ConfigProperty(name = "cloudlab.payment.sandbox.slow-answer")
    Duration slowAnswer;

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String number) {
        CardToken answer = await(gateway.tokenize(new CardDetails(number, 12, 2031, "123", "T. Tester")));
        return assertInstanceOf(CardToken.Issued.class, answer).token();
    }

    GatewayAnswer authorize(String key, String token) {
        return await(gateway.authorize(key, PaymentMethodType.CREDIT_CARD, token, new BigDecimal("10.00"), "EUR"));
    }

    @Test
    void theSuccessCardAndAnyOtherLuhnValidNumberAreApproved() {
        CardToken.Issued issued = (CardToken.Issued) await(gateway.tokenize(
                new CardDetails(TestSupport.SUCCESS_CARD, 1, 2040, "123", null)));
        assertEquals(CardBrand.VISA, issued.brand());
        assertEquals("4242", issued.lastFour());
        assertTrue(issued.token().startsWith("tok_"));
        assertInstanceOf(GatewayAnswer.Approved.class, authorize(UUID.randomUUID().toString(), issued.token()));
        assertInstanceOf(GatewayAnswer.Approved.class, authorize(UUID.randomUUID().toString(), token("378282246310005")));
    }

    @Test
    void theDeclineAndInsufficientFundsCardsAreDeclinedWithTheirReason() {
        assertEquals(new GatewayAnswer.Declined(DeclineReason.DECLINED),
                authorize(UUID.randomUUID().toString(), token(TestSupport.DECLINE_CARD)));
        assertEquals(new GatewayAnswer.Declined(DeclineReason.INSUFFICIENT_FUNDS),
                authorize(UUID.randomUUID().toString(), token(TestSupport.INSUFFICIENT_FUNDS_CARD)));
    }

    @Test
    void luhnInvalidAndExpiredCardsAndUnknownTokensAreInvalidCards() {
        assertEquals(new CardToken.Refused(DeclineReason.INVALID_CARD),
                await(gateway.tokenize(new CardDetails("4242424242424243", 12, 2031, "123", null))));
        assertEquals(new CardToken.Refused(DeclineReason.INVALID_CARD),
                await(gateway.tokenize(new CardDetails(TestSupport.SUCCESS_CARD, 1, 2001, "123", null))));
        assertEquals(new GatewayAnswer.Declined(DeclineReason.INVALID_CARD), authorize(UUID.randomUUID().toString(), "tok_unknown"));
    }

    @Test
    void theSameKeyGetsTheSameAnswerAndAuthorizesOnce() {
        String token = token(TestSupport.SUCCESS_CARD);
        String key = UUID.randomUUID().toString();
        GatewayAnswer first = authorize(key, token);
        GatewayAnswer again = authorize(key, token);
        assertEquals(first, again);
        assertNotEquals(first, authorize(UUID.randomUUID().toString(), token), "another key is another authorization");
        assertEquals(1L, TestSupport.count("SELECT count(*) FROM payments.sandbox_gateway_operations WHERE idempotency_key = ?", key));
    }

    @Test
    void theSlowCardKeepsItsCallerWaitingAndItsKeyMeanwhileAnswersAtOnce() {
        assertEquals(SlowCardOutlastsTheTests.SLOW_ANSWER, slowAnswer, "the slow card outlasts the test");
        String token = token(TestSupport.SLOW_CARD);
        String key = UUID.randomUUID().toString();
        CompletableFuture<GatewayAnswer> slow = gateway.authorize(key, PaymentMethodType.CREDIT_CARD, token,
                new BigDecimal("10.00"), "EUR").toCompletableFuture();
        // The gateway decides and records the authorization at once, then keeps its caller waiting.
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> authorizations(key) == 1);

        // A retry with the key is answered from that record while the first call is still waiting: it does not
        // wait for the slow answer again.
        assertInstanceOf(GatewayAnswer.Approved.class, authorize(key, token));
        assertFalse(slow.isDone(), "the retry was answered before the slow call");
        assertEquals(1L, authorizations(key), "authorized once");
    }

    @Test
    void latencyIsRealisticButNeverBlocksTheCaller() {
        // The slow card's answer comes long after this test: a call that held its caller until the answer could
        // not have returned a pending one.
        CompletionStage<GatewayAnswer> pending = gateway.authorize(UUID.randomUUID().toString(),
                PaymentMethodType.CREDIT_CARD, token(TestSupport.SLOW_CARD), BigDecimal.TEN, "EUR");
        assertFalse(pending.toCompletableFuture().isDone(), "the call returns before the answer");

        // A lower bound only: a loaded machine can make an answer later, never earlier.
        String token = token(TestSupport.SUCCESS_CARD);
        long start = System.nanoTime();
        await(gateway.authorize(UUID.randomUUID().toString(), PaymentMethodType.CREDIT_CARD, token, BigDecimal.TEN, "EUR"));
        long answeredAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(answeredAfter >= 20, "at least the minimum latency: " + answeredAfter + " ms");
    }

    private static long authorizations(String key) {
        return TestSupport.count("SELECT count(*) FROM payments.sandbox_gateway_operations"
                + " WHERE idempotency_key = ? AND operation = 'authorize'", key);
    }

    @Test
    void captureVoidAndRefundFollowTheAuthorizationsState() {
        String reference = ((GatewayAnswer.Approved) authorize(UUID.randomUUID().toString(), token(TestSupport.SUCCESS_CARD))).reference();
        assertInstanceOf(GatewayAnswer.Refused.class, await(gateway.capture(UUID.randomUUID().toString(), reference, new BigDecimal("10.01"))));
        String captureKey = UUID.randomUUID().toString();
        assertInstanceOf(GatewayAnswer.Approved.class, await(gateway.capture(captureKey, reference, new BigDecimal("8.00"))));
        assertInstanceOf(GatewayAnswer.Approved.class, await(gateway.capture(captureKey, reference, new BigDecimal("8.00"))),
                "the same capture again: the first answer");
        assertInstanceOf(GatewayAnswer.Refused.class, await(gateway.voidAuthorization(UUID.randomUUID().toString(), reference)));
        assertInstanceOf(GatewayAnswer.Approved.class, await(gateway.refund(UUID.randomUUID().toString(), reference, new BigDecimal("5.00"))));
        assertInstanceOf(GatewayAnswer.Refused.class, await(gateway.refund(UUID.randomUUID().toString(), reference, new BigDecimal("3.01"))));
        assertInstanceOf(GatewayAnswer.Approved.class, await(gateway.refund(UUID.randomUUID().toString(), reference, new BigDecimal("3.00"))));

        String other = ((GatewayAnswer.Approved) authorize(UUID.randomUUID().toString(), token(TestSupport.SUCCESS_CARD))).reference();
        assertInstanceOf(GatewayAnswer.Approved.class, await(gateway.voidAuthorization(UUID.randomUUID().toString(), other)));
        assertInstanceOf(GatewayAnswer.Refused.class, await(gateway.capture(UUID.randomUUID().toString(), other, BigDecimal.ONE)));
    }
}

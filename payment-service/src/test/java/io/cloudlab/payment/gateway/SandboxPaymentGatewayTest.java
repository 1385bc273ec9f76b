package io.cloudlab.payment.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sandbox behaves like a provider's test mode, against its real table. */
@QuarkusTest
class SandboxPaymentGatewayTest {

    @Inject
    PaymentGateway gateway;

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
    void theSlowCardAnswersAfterTheTimeoutAndItsKeyThenAnswersAtOnce() {
        String token = token(TestSupport.SLOW_CARD);
        String key = UUID.randomUUID().toString();
        long start = System.nanoTime();
        GatewayAnswer slow = authorize(key, token);
        long slowMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertInstanceOf(GatewayAnswer.Approved.class, slow);
        assertTrue(slowMillis >= 1500, "answered after the 1 s test timeout: " + slowMillis + " ms");

        start = System.nanoTime();
        assertEquals(slow, authorize(key, token));
        long again = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(again < 1000, "the recorded answer comes with normal latency: " + again + " ms");
    }

    @Test
    void latencyIsRealisticButNeverBlocksTheCaller() {
        String token = token(TestSupport.SUCCESS_CARD);
        long start = System.nanoTime();
        CompletionStage<GatewayAnswer> pending = gateway.authorize(UUID.randomUUID().toString(),
                PaymentMethodType.CREDIT_CARD, token, BigDecimal.TEN, "EUR");
        assertTrue(!pending.toCompletableFuture().isDone(), "the call returns before the answer");
        await(pending);
        long answeredAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(answeredAfter >= 20, "at least the minimum latency: " + answeredAfter + " ms");
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

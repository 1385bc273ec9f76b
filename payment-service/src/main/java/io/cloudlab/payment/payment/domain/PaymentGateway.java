package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.CardDetails;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.concurrent.CompletionStage;

/**
 * The port to a payment provider. Every money-moving call carries an idempotency key: asking again with the
 * same key returns the first answer and never moves money twice, which is what makes a timed-out call safe
 * to retry. Implementations answer asynchronously and never block the caller's thread; a {@link
 * GatewayAnswer.TimedOut} is decided by the caller's timeout, not by the gateway.
 */
public interface PaymentGateway {

    /** Exchanges a card for a token; the gateway keeps the card. The CVC is checked and forgotten. */
    CompletionStage<CardToken> tokenize(CardDetails card);

    /**
     * @param token the card token for card types, null for the others (wallets and transfers are approved or
     *              declined by the provider without card data here)
     */
    CompletionStage<GatewayAnswer> authorize(String idempotencyKey, PaymentMethodType method, String token,
            BigDecimal amount, String currency);

    CompletionStage<GatewayAnswer> capture(String idempotencyKey, String reference, BigDecimal amount);

    CompletionStage<GatewayAnswer> voidAuthorization(String idempotencyKey, String reference);

    CompletionStage<GatewayAnswer> refund(String idempotencyKey, String reference, BigDecimal amount);

    /**
     * Asks the provider to forget a card it tokenised (a customer's erasure): the token no longer pays, and the
     * provider drops what it kept of the card. Forgetting a forgotten or unknown token is no error.
     */
    CompletionStage<Void> forget(String token);
}

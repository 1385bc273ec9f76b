package io.cloudlab.payment.payment.saga;

/**
 * The gateway did not answer a capture or void in time. Unlike an authorization (answered PaymentFailed so
 * the orchestrator compensates), money may have moved and no reply could say which way: the command is
 * retried (same gateway key, so the gateway answers what it did) until the gateway answers.
 */
final class GatewayUnanswered extends RuntimeException {

    GatewayUnanswered(String what) {
        super("the payment gateway did not answer the " + what + " in time", null, false, false);
    }
}

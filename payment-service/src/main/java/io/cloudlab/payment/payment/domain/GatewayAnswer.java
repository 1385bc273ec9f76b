package io.cloudlab.payment.payment.domain;

/** What a payment gateway answered. */
public sealed interface GatewayAnswer {

    /** Authorized (reference = the gateway's authorization id) or, for capture/void/refund, done. */
    record Approved(String reference) implements GatewayAnswer {}

    /** An authorization refused by the issuer or the gateway. */
    record Declined(DeclineReason reason) implements GatewayAnswer {}

    /** Capture, void or refund not allowed in the authorization's state at the gateway (e.g. already voided). */
    record Refused(String detail) implements GatewayAnswer {}

    /** No answer within the timeout: the outcome is unknown until the same idempotency key is asked again. */
    record TimedOut() implements GatewayAnswer {}
}

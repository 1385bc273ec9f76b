package io.cloudlab.payment.payment.domain;

import io.cloudlab.eventstore.decider.Decider;
import io.cloudlab.payment.payment.domain.GatewayAnswer.Approved;
import io.cloudlab.payment.payment.domain.GatewayAnswer.Declined;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The Payment aggregate: {@link #decide} checks a command against the state folded from the payment's
 * events and returns the events it causes, or throws a {@link PaymentRejected}; {@link #evolve} is the state
 * an event leaves. Amounts are kept at scale 2 (cents).
 */
public final class Payment implements Decider<PaymentCommand, PaymentEvent, PaymentState> {

    public static final Payment DECIDER = new Payment();

    private Payment() {}

    /**
     * One payment per order: its id is derived from the tenant and the order, so every attempt to pay the
     * order - a retry, a second request with another Idempotency-Key, the saga's message - meets the same
     * stream, and the store's version check lets only one of them create it.
     */
    public static UUID idForOrder(UUID tenantId, UUID orderId) {
        return UUID.nameUUIDFromBytes(("payment\n" + tenantId + "\n" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PaymentState initial() {
        return PaymentState.NONE;
    }

    // --- decide -----------------------------------------------------------------------------------

    @Override
    public List<PaymentEvent> decide(PaymentCommand command, PaymentState state) {
        if (command instanceof AuthorizePayment c) return authorize(c.terms(), c.answer(), state);
        if (command instanceof CapturePayment c) return capture(c, state);
        if (command instanceof VoidPayment) return voidAuthorization(state);
        if (command instanceof RefundPayment c) return refund(c, state);
        throw new IllegalArgumentException("unknown payment command " + command);
    }

    /**
     * The authorization's rule, also asked before the gateway so that a refused authorization never reaches
     * it: a new payment, or the retry of a pending one with the same terms (resuming it with the same gateway
     * key is what resolves a timeout). Anything else is a second payment for the order.
     */
    public static void checkAuthorizable(PaymentState state, AuthorizationTerms requested) {
        requirePositiveCents(requested.amount(), "amount");
        if (!state.exists()) return;
        if (state.status() != PaymentStatus.PENDING || !state.terms().sameAs(requested)) {
            throw new AlreadyExists(state.status());
        }
    }

    private static List<PaymentEvent> authorize(AuthorizationTerms t, GatewayAnswer answer, PaymentState state) {
        checkAuthorizable(state, t);
        if (answer instanceof Approved approved) {
            return List.of(new PaymentAuthorized(t.orderId(), t.customerId(), t.amount(), t.currency(),
                    t.paymentMethod(), t.paymentMethodId(), t.cardBrand(), t.cardLastFour(), approved.reference()));
        }
        if (answer instanceof Declined declined) {
            return List.of(new PaymentDeclined(t.orderId(), t.customerId(), t.amount(), t.currency(),
                    t.paymentMethod(), declined.reason()));
        }
        if (answer instanceof GatewayAnswer.TimedOut) {
            // Already pending: the unknown stays unknown; recording it again would say nothing new.
            if (state.exists()) return List.of();
            return List.of(new PaymentAuthorizationTimedOut(t.orderId(), t.customerId(), t.amount(), t.currency(),
                    t.paymentMethod(), t.paymentMethodId()));
        }
        throw new IllegalArgumentException("an authorization is approved, declined or timed out, not " + answer);
    }

    /** Captures the amount asked (the whole authorization when empty); one capture per authorization. */
    private static List<PaymentEvent> capture(CapturePayment c, PaymentState state) {
        requireStatus(state, "capture", PaymentStatus.AUTHORIZED);
        BigDecimal authorized = state.terms().amount();
        BigDecimal captured = c.amount().orElse(authorized);
        requirePositiveCents(captured, "amount");
        if (captured.compareTo(authorized) > 0) throw new AmountAboveLimit("the captured amount", authorized);
        return List.of(new PaymentCaptured(state.terms().orderId(), captured, captured));
    }

    private static List<PaymentEvent> voidAuthorization(PaymentState state) {
        requireStatus(state, "void", PaymentStatus.AUTHORIZED);
        return List.of(new PaymentVoided(state.terms().orderId()));
    }

    /** Refunds never exceed what was captured, summed over every refund. */
    private static List<PaymentEvent> refund(RefundPayment c, PaymentState state) {
        requireStatus(state, "refund", PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED);
        requirePositiveCents(c.amount(), "amount");
        BigDecimal refundable = state.capturedAmount().subtract(state.refundedAmount());
        if (c.amount().compareTo(refundable) > 0) throw new AmountAboveLimit("the refund", refundable);
        return List.of(new PaymentRefunded(state.terms().orderId(), c.amount(),
                state.refundedAmount().add(c.amount()), c.reason(), c.refundId()));
    }

    private static void requireStatus(PaymentState state, String action, PaymentStatus... allowed) {
        if (!state.exists()) throw new IllegalTransition(action, null);
        for (PaymentStatus s : allowed) if (state.status() == s) return;
        throw new IllegalTransition(action, state.status());
    }

    private static void requirePositiveCents(BigDecimal amount, String field) {
        if (amount == null || amount.signum() <= 0) throw new InvalidAmount(field + " must be greater than 0");
        if (amount.stripTrailingZeros().scale() > 2) throw new InvalidAmount(field + " must have at most 2 decimals");
    }

    // --- evolve -----------------------------------------------------------------------------------

    @Override
    public PaymentState evolve(PaymentState state, PaymentEvent event) {
        BigDecimal zero = PaymentState.ZERO;
        if (event instanceof PaymentAuthorized e) {
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), e.paymentMethodId(), e.cardBrand(), e.cardLastFour());
            return new PaymentState(PaymentStatus.AUTHORIZED, t, e.gatewayReference(), null, zero, zero);
        }
        if (event instanceof PaymentDeclined e) {
            // The declined event names no stored card; a pending payment's is kept.
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), state.terms() == null ? null : state.terms().paymentMethodId(), null, null);
            return new PaymentState(PaymentStatus.DECLINED, t, null, e.reason(), zero, zero);
        }
        if (event instanceof PaymentAuthorizationTimedOut e) {
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), e.paymentMethodId(), null, null);
            return new PaymentState(PaymentStatus.PENDING, t, null, null, zero, zero);
        }
        if (event instanceof PaymentCaptured e) {
            return new PaymentState(PaymentStatus.CAPTURED, state.terms(), state.gatewayReference(), null,
                    e.capturedTotal(), state.refundedAmount());
        }
        if (event instanceof PaymentVoided) {
            return new PaymentState(PaymentStatus.VOIDED, state.terms(), state.gatewayReference(), null,
                    state.capturedAmount(), state.refundedAmount());
        }
        if (event instanceof PaymentRefunded e) {
            PaymentStatus after = e.refundedTotal().compareTo(state.capturedAmount()) >= 0
                    ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
            return new PaymentState(after, state.terms(), state.gatewayReference(), null, state.capturedAmount(),
                    e.refundedTotal());
        }
        if (event instanceof PaymentEvent.PaymentRefundDeclined) {
            return state;
        }
        throw new IllegalArgumentException("unknown payment event " + event);
    }
}

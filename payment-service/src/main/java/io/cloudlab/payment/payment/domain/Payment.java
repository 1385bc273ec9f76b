package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.GatewayAnswer.Approved;
import io.cloudlab.payment.payment.domain.GatewayAnswer.Declined;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The Payment aggregate: its state is the fold of its events ({@link #apply}); each command checks the
 * invariants against that state and returns the events it causes, or throws {@link PaymentRejected}.
 * Amounts are kept at scale 2 (cents), the scale of the DECIMAL(10,2) columns and of the events' strings.
 *
 * @param version number of events folded (0: no payment yet); the expected version of the next append
 * @param status  null while the payment does not exist
 */
public record Payment(UUID paymentId, int version, PaymentStatus status, AuthorizationTerms terms,
        String gatewayReference, DeclineReason declineReason, BigDecimal capturedAmount, BigDecimal refundedAmount) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /**
     * One payment per order: its id is derived from the tenant and the order, so every attempt to pay the
     * order - a retry, a second request with another Idempotency-Key, the saga's message - meets the same
     * stream, and the store's version check lets only one of them create it.
     */
    public static UUID idForOrder(UUID tenantId, UUID orderId) {
        return UUID.nameUUIDFromBytes(("payment\n" + tenantId + "\n" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    public static Payment none(UUID paymentId) {
        return new Payment(paymentId, 0, null, null, null, null, ZERO, ZERO);
    }

    public static Payment replay(UUID paymentId, List<PaymentEvent> events) {
        Payment payment = none(paymentId);
        for (PaymentEvent event : events) payment = payment.apply(event);
        return payment;
    }

    public boolean exists() {
        return version > 0;
    }

    // --- commands ---------------------------------------------------------------------------------

    /**
     * Checked before the gateway is asked: a new payment, or the retry of a pending one with the same terms
     * (resuming it with the same gateway key is what resolves a timeout). Anything else is a second payment
     * for the order.
     */
    public void checkAuthorizable(AuthorizationTerms requested) {
        requirePositiveCents(requested.amount(), "amount");
        if (!exists()) return;
        if (status != PaymentStatus.PENDING || !terms.sameAs(requested)) throw new AlreadyExists(status);
    }

    /** The events for the gateway's answer to {@code requested}. */
    public List<PaymentEvent> authorize(AuthorizationTerms requested, GatewayAnswer answer) {
        checkAuthorizable(requested);
        AuthorizationTerms t = requested;
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
            if (exists()) return List.of();
            return List.of(new PaymentAuthorizationTimedOut(t.orderId(), t.customerId(), t.amount(), t.currency(),
                    t.paymentMethod(), t.paymentMethodId()));
        }
        throw new IllegalArgumentException("an authorization is approved, declined or timed out, not " + answer);
    }

    /** Captures {@code amount} (the whole authorization when empty); one capture per authorization. */
    public List<PaymentEvent> capture(Optional<BigDecimal> amount) {
        requireStatus("capture", PaymentStatus.AUTHORIZED);
        BigDecimal captured = amount.orElse(terms.amount());
        requirePositiveCents(captured, "amount");
        if (captured.compareTo(terms.amount()) > 0) {
            throw new AmountAboveLimit("the captured amount", terms.amount());
        }
        return List.of(new PaymentCaptured(terms.orderId(), cents(captured), cents(captured)));
    }

    public List<PaymentEvent> voidAuthorization() {
        requireStatus("void", PaymentStatus.AUTHORIZED);
        return List.of(new PaymentVoided(terms.orderId()));
    }

    /** Refunds never exceed what was captured, summed over every refund. */
    public List<PaymentEvent> refund(BigDecimal amount, String reason) {
        requireStatus("refund", PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED);
        requirePositiveCents(amount, "amount");
        BigDecimal refundable = capturedAmount.subtract(refundedAmount);
        if (amount.compareTo(refundable) > 0) throw new AmountAboveLimit("the refund", refundable);
        return List.of(new PaymentRefunded(terms.orderId(), cents(amount), cents(refundedAmount.add(amount)), reason));
    }

    // --- state ------------------------------------------------------------------------------------

    public Payment apply(PaymentEvent event) {
        int next = version + 1;
        if (event instanceof PaymentAuthorized e) {
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), e.paymentMethodId(), e.cardBrand(), e.cardLastFour());
            return new Payment(paymentId, next, PaymentStatus.AUTHORIZED, t, e.gatewayReference(), null, ZERO, ZERO);
        }
        if (event instanceof PaymentDeclined e) {
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), terms == null ? null : terms.paymentMethodId(), null, null);
            return new Payment(paymentId, next, PaymentStatus.DECLINED, t, null, e.reason(), ZERO, ZERO);
        }
        if (event instanceof PaymentAuthorizationTimedOut e) {
            AuthorizationTerms t = new AuthorizationTerms(e.orderId(), e.customerId(), e.amount(), e.currency(),
                    e.paymentMethod(), e.paymentMethodId(), null, null);
            return new Payment(paymentId, next, PaymentStatus.PENDING, t, null, null, ZERO, ZERO);
        }
        if (event instanceof PaymentCaptured e) {
            return new Payment(paymentId, next, PaymentStatus.CAPTURED, terms, gatewayReference, null,
                    e.capturedTotal(), refundedAmount);
        }
        if (event instanceof PaymentVoided) {
            return new Payment(paymentId, next, PaymentStatus.VOIDED, terms, gatewayReference, null,
                    capturedAmount, refundedAmount);
        }
        if (event instanceof PaymentRefunded e) {
            PaymentStatus after = e.refundedTotal().compareTo(capturedAmount) >= 0
                    ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
            return new Payment(paymentId, next, after, terms, gatewayReference, null, capturedAmount,
                    cents(e.refundedTotal()));
        }
        throw new IllegalArgumentException("unknown payment event " + event);
    }

    public Payment applyAll(List<PaymentEvent> events) {
        Payment payment = this;
        for (PaymentEvent event : events) payment = payment.apply(event);
        return payment;
    }

    public PaymentMethodType paymentMethod() {
        return terms == null ? null : terms.paymentMethod();
    }

    private void requireStatus(String action, PaymentStatus... allowed) {
        if (!exists()) throw new IllegalTransition(action, null);
        for (PaymentStatus s : allowed) if (status == s) return;
        throw new IllegalTransition(action, status);
    }

    private static void requirePositiveCents(BigDecimal amount, String field) {
        if (amount == null || amount.signum() <= 0) throw new InvalidAmount(field + " must be greater than 0");
        if (amount.stripTrailingZeros().scale() > 2) throw new InvalidAmount(field + " must have at most 2 decimals");
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2);
    }
}

package io.cloudlab.payment.payment.saga;

import io.cloudlab.contracts.payment.PaymentReply;
import io.cloudlab.contracts.payment.PaymentReply.PaymentAuthorized;
import io.cloudlab.contracts.payment.PaymentReply.PaymentCaptureFailed;
import io.cloudlab.contracts.payment.PaymentReply.PaymentCaptured;
import io.cloudlab.contracts.payment.PaymentReply.PaymentDeclined;
import io.cloudlab.contracts.payment.PaymentReply.PaymentFailed;
import io.cloudlab.contracts.payment.PaymentReply.PaymentVoided;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import java.util.Optional;
import java.util.UUID;

/**
 * Which reply a payment's state gives a saga command. A command that meets a payment already past the step
 * (a new attempt after a lost reply or a timeout of the orchestrator's) is answered from the state, without
 * asking the gateway again, so the orchestrator hears the same outcome every time it asks.
 */
final class SagaAnswers {

    private SagaAnswers() {}

    /** The authorization step is over for this payment: its answer; empty when the gateway must be asked. */
    static Optional<PaymentReply> authorizationSettled(UUID paymentId, PaymentState payment) {
        if (!payment.exists() || payment.status() == PaymentStatus.PENDING) return Optional.empty();
        return Optional.of(switch (payment.status()) {
            case DECLINED -> new PaymentDeclined(paymentId, payment.declineReason().toString());
            // Voided by the saga's compensation: this order's payment cannot hold money again.
            case VOIDED -> new PaymentDeclined(paymentId, "declined");
            default -> authorized(paymentId, payment);
        });
    }

    /** The answer once the gateway was asked and its answer folded into the payment. */
    static PaymentReply afterAuthorization(UUID paymentId, PaymentState payment) {
        return switch (payment.status()) {
            case AUTHORIZED -> authorized(paymentId, payment);
            case DECLINED -> new PaymentDeclined(paymentId, payment.declineReason().toString());
            default -> new PaymentFailed(paymentId, "gateway_timeout");
        };
    }

    /** Capture needs no gateway: the payment is not the order's, or it is captured already. */
    static Optional<PaymentReply> captureSettled(UUID paymentId, PaymentState payment, UUID orderId) {
        if (!payment.exists() || !payment.terms().orderId().equals(orderId)) {
            return Optional.of(new PaymentCaptureFailed(paymentId, "payment_not_found"));
        }
        if (wasCaptured(payment.status())) {
            return Optional.of(new PaymentCaptured(paymentId, payment.capturedAmount(), payment.capturedAmount()));
        }
        return Optional.empty();
    }

    /** Void needs no gateway: nothing holds money (no payment, declined, voided, or captured: see the doc). */
    static Optional<PaymentReply> voidSettled(UUID paymentId, PaymentState payment) {
        if (!payment.exists()) return Optional.of(new PaymentVoided(null, false, null));
        PaymentStatus status = payment.status();
        if (status == PaymentStatus.AUTHORIZED || status == PaymentStatus.PENDING) return Optional.empty();
        return Optional.of(new PaymentVoided(paymentId, status == PaymentStatus.VOIDED, status.toString()));
    }

    private static PaymentAuthorized authorized(UUID paymentId, PaymentState payment) {
        return new PaymentAuthorized(paymentId, payment.terms().amount(), payment.terms().currency());
    }

    private static boolean wasCaptured(PaymentStatus status) {
        return status == PaymentStatus.CAPTURED || status == PaymentStatus.PARTIALLY_REFUNDED
                || status == PaymentStatus.REFUNDED;
    }
}

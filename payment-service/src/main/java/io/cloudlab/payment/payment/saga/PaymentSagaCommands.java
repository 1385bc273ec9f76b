package io.cloudlab.payment.payment.saga;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.payment.AuthorizePayment;
import io.cloudlab.contracts.payment.CapturePayment;
import io.cloudlab.contracts.payment.PaymentCommand;
import io.cloudlab.contracts.payment.PaymentReply;
import io.cloudlab.contracts.payment.PaymentReply.PaymentCaptureFailed;
import io.cloudlab.contracts.payment.PaymentReply.PaymentDeclined;
import io.cloudlab.contracts.payment.PaymentReply.PaymentFailed;
import io.cloudlab.contracts.payment.PaymentReply.PaymentRefundRefused;
import io.cloudlab.contracts.payment.RefundPayment;
import io.cloudlab.contracts.payment.PaymentReply.PaymentVoided;
import io.cloudlab.contracts.payment.Payments;
import io.cloudlab.contracts.payment.VoidPayment;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.app.AuthorizationRequest;
import io.cloudlab.payment.payment.app.PaymentCommands;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentCaptured;
import io.cloudlab.payment.payment.domain.PaymentRejected.AlreadyExists;
import io.cloudlab.payment.payment.domain.PaymentRejected.AmountAboveLimit;
import io.cloudlab.payment.payment.domain.PaymentRejected.IllegalTransition;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod.Why;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.payment.payment.store.PaymentRepository.Loaded;
import io.cloudlab.support.saga.Received;
import io.cloudlab.support.saga.SagaParticipant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment's side of sagas: AuthorizePayment, CapturePayment and VoidPayment (fulfilment), RefundPayment
 * (a paid order's cancellation, a refund), each answered with a reply that commits in the same transaction as its effect and the command's inbox row.
 *
 * <p>The gateway is a network call, so no transaction is held open across it: the edge reads the inbox
 * first (a redelivery of a processed command does nothing), then {@link #prepare} asks the gateway under the
 * payment's own idempotency key (a redelivery that got this far asks the same question and gets the same
 * answer), then one transaction holds the inbox row, the payment's events and row, and the reply. If that
 * transaction finds the inbox row taken (a concurrent delivery won) it writes nothing. If it loses the
 * stream's version race (another attempt of the step recorded first) it rolls back, and the retry answers
 * from the recorded state.
 */
@ApplicationScoped
public class PaymentSagaCommands implements SagaParticipant<PaymentCommand, PaymentSagaCommands.Outcome> {

    /** What a command leads to: events to append to the payment (maybe none) and the reply. */
    record Outcome(Loaded before, List<PaymentEvent> events, PaymentReply reply) {
        static Outcome answer(Loaded payment, PaymentReply reply) {
            return new Outcome(payment, List.of(), reply);
        }
    }

    @Inject
    PaymentRepository payments;

    @Inject
    PaymentCommands commands;

    @Override
    public Participant<PaymentCommand, ?> contract() {
        return Payments.PARTICIPANT;
    }

    @Override
    public String consumerName() {
        return "payment.saga-commands";
    }

    @Override
    public boolean costlyPreparation() {
        return true;
    }

    /** The gateway's silence on a capture or void: money may have moved, so the same command is asked again. */
    @Override
    public boolean retryable(Throwable failure) {
        return failure instanceof GatewayUnanswered;
    }

    /** Loads the payment and asks the gateway what the command needs, outside any transaction. */
    @Override
    public Uni<Outcome> prepare(Received<PaymentCommand> command) {
        PaymentCommand c = command.command();
        if (c instanceof AuthorizePayment authorize) return authorize(command, authorize);
        if (c instanceof CapturePayment capture) return capture(command, capture);
        if (c instanceof VoidPayment) return voidPayment(command);
        if (c instanceof RefundPayment refund) return refund(command, refund);
        throw new IllegalArgumentException("not handled: " + c);
    }

    /** The payment's events and row, in the edge's transaction with the inbox row and the reply. */
    @Override
    public Uni<PaymentReply> handle(SqlConnection tx, Received<PaymentCommand> command, Outcome outcome) {
        Uni<?> effect = outcome.events().isEmpty() ? Uni.createFrom().voidItem()
                : payments.saveWithin(tx, outcome.before(), outcome.events(), command::eventId, command.metadata());
        return effect.replaceWith(outcome.reply());
    }

    // --- AuthorizePayment -------------------------------------------------------------------------

    private Uni<Outcome> authorize(Received<PaymentCommand> command, AuthorizePayment fields) {
        UUID paymentId = Payment.idForOrder(command.tenantId(), command.orderId());
        return load(command, paymentId).chain(payment -> {
            PaymentState state = payment.state();
            Optional<PaymentReply> settled = SagaAnswers.authorizationSettled(paymentId, state);
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            return Uni.createFrom().deferred(() -> commands.chargeable(command.tenantId(), toDomain(command, fields)))
                    .chain(chargeable -> {
                        Payment.checkAuthorizable(state, chargeable.terms());
                        return commands.askToAuthorize(paymentId, chargeable).map(answer -> {
                            List<PaymentEvent> events = Payment.DECIDER.decide(
                                    new io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment(
                                            chargeable.terms(), answer), state);
                            return new Outcome(payment, events,
                                    SagaAnswers.afterAuthorization(paymentId, Payment.DECIDER.fold(state, events)));
                        });
                    })
                    .onFailure(UnusablePaymentMethod.class).recoverWithItem(() -> Outcome.answer(payment,
                            new PaymentDeclined(payment.exists() ? paymentId : null, "invalid_payment_method")))
                    // Pending under other terms: still unknown at the gateway; the orchestrator compensates.
                    .onFailure(AlreadyExists.class).recoverWithItem(() -> Outcome.answer(payment,
                            new PaymentFailed(paymentId, "gateway_timeout")));
        });
    }

    /** The domain's request; an unknown method type or an id that is not a UUID names nothing chargeable. */
    static AuthorizationRequest toDomain(Received<PaymentCommand> command, AuthorizePayment fields) {
        PaymentMethodType type;
        UUID methodId;
        try {
            type = PaymentMethodType.of(fields.paymentMethod());
            methodId = fields.paymentMethodId() == null ? null : UUID.fromString(fields.paymentMethodId());
        } catch (IllegalArgumentException unknown) {
            throw new UnusablePaymentMethod(Why.UNKNOWN, "no such payment method");
        }
        return new AuthorizationRequest(command.orderId(), fields.customerId(), fields.amount(), fields.currency(),
                type, methodId);
    }

    // --- CapturePayment ---------------------------------------------------------------------------

    private Uni<Outcome> capture(Received<PaymentCommand> command, CapturePayment fields) {
        UUID paymentId = fields.paymentId() != null ? fields.paymentId()
                : Payment.idForOrder(command.tenantId(), command.orderId());
        return load(command, paymentId).chain(payment -> {
            Optional<PaymentReply> settled = SagaAnswers.captureSettled(paymentId, payment.state(), command.orderId());
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            List<PaymentEvent> events;
            try {
                events = Payment.DECIDER.decide(new io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment(
                        paymentId, Optional.ofNullable(fields.amount())), payment.state());
            } catch (IllegalTransition notAuthorized) {
                return Uni.createFrom().item(Outcome.answer(payment, new PaymentCaptureFailed(paymentId, "not_authorized")));
            } catch (AmountAboveLimit above) {
                return Uni.createFrom().item(Outcome.answer(payment, new PaymentCaptureFailed(paymentId, "amount_above_authorized")));
            }
            PaymentCaptured captured = (PaymentCaptured) events.get(0);
            return commands.askToCapture(paymentId, payment.state(), captured.amount()).map(answer -> {
                if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("capture");
                if (!(answer instanceof GatewayAnswer.Approved)) {
                    return Outcome.answer(payment, new PaymentCaptureFailed(paymentId, "gateway_refused"));
                }
                return new Outcome(payment, events,
                        new PaymentReply.PaymentCaptured(paymentId, captured.amount(), captured.capturedTotal()));
            });
        });
    }

    // --- VoidPayment ------------------------------------------------------------------------------

    private Uni<Outcome> voidPayment(Received<PaymentCommand> command) {
        UUID paymentId = Payment.idForOrder(command.tenantId(), command.orderId());
        return load(command, paymentId).chain(payment -> {
            PaymentState state = payment.state();
            Optional<PaymentReply> settled = SagaAnswers.voidSettled(paymentId, state);
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            if (state.status() == PaymentStatus.AUTHORIZED) return voidAuthorized(payment, List.of());
            // Pending: the gateway may hold money after all. Resolve it first (same gateway key), then void.
            return commands.askAgainToAuthorize(command.tenantId(), paymentId, state).chain(answer -> {
                if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("authorization");
                List<PaymentEvent> resolved = Payment.DECIDER.decide(
                        new io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment(state.terms(), answer), state);
                PaymentState after = Payment.DECIDER.fold(state, resolved);
                if (after.status() != PaymentStatus.AUTHORIZED) {
                    return Uni.createFrom().item(new Outcome(payment, resolved,
                            new PaymentVoided(paymentId, false, after.status().toString())));
                }
                return voidAuthorized(payment, resolved);
            });
        });
    }

    // --- RefundPayment ----------------------------------------------------------------------------

    /**
     * Gives the amount back: refunded from a capture under the saga's own gateway key, or, when nothing was
     * captured, the whole hold voided. The refund's event names the saga, so another attempt of the step
     * (another command id) finds it done and asks the gateway nothing.
     */
    private Uni<Outcome> refund(Received<PaymentCommand> command, RefundPayment fields) {
        UUID paymentId = fields.paymentId() != null ? fields.paymentId()
                : Payment.idForOrder(command.tenantId(), command.orderId());
        UUID refundId = command.sagaId();
        return load(command, paymentId).chain(payment -> {
            PaymentState state = payment.state();
            if (!payment.exists() || !state.terms().orderId().equals(command.orderId())) {
                return refused(payment, null, "no_payment");
            }
            if (refundedBy(payment, refundId)) {
                return Uni.createFrom().item(Outcome.answer(payment, new PaymentReply.PaymentRefunded(paymentId, fields.amount(), false)));
            }
            return switch (state.status()) {
                case AUTHORIZED, PENDING, VOIDED -> fields.amount().compareTo(state.terms().amount()) != 0
                        ? refused(payment, paymentId, "not_captured")
                        : voidPayment(command).map(voided -> new Outcome(voided.before(), voided.events(),
                                asRefund((PaymentVoided) voided.reply(), paymentId, fields.amount())));
                case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> refundCaptured(payment, fields, refundId);
                case DECLINED -> refused(payment, paymentId, "no_payment");
            };
        });
    }

    private Uni<Outcome> refundCaptured(Loaded payment, RefundPayment fields, UUID refundId) {
        UUID paymentId = payment.paymentId();
        List<PaymentEvent> events;
        try {
            events = Payment.DECIDER.decide(new io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment(
                    paymentId, fields.amount(), fields.reason(), refundId), payment.state());
        } catch (AmountAboveLimit above) {
            return refused(payment, paymentId, "amount_above_refundable");
        }
        int declined = declinedRefunds(payment, refundId);
        return commands.askToRefund(refundId, declined, payment.state(), fields.amount()).map(answer -> {
            if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("refund");
            if (!(answer instanceof GatewayAnswer.Approved)) {
                return new Outcome(payment, List.of(new PaymentEvent.PaymentRefundDeclined(payment.state().terms().orderId(),
                        refundId, fields.amount(), "gateway_refused")), new PaymentRefundRefused(paymentId, "gateway_refused"));
            }
            return new Outcome(payment, events, new PaymentReply.PaymentRefunded(paymentId, fields.amount(), false));
        });
    }

    /** A hold let go (or one that never took money) is the whole amount back; a capture that won the race is not. */
    private static PaymentReply asRefund(PaymentVoided voided, UUID paymentId, java.math.BigDecimal amount) {
        boolean nothingTaken = voided.voided() || PaymentStatus.VOIDED.toString().equals(voided.paymentStatus())
                || PaymentStatus.DECLINED.toString().equals(voided.paymentStatus());
        return nothingTaken ? new PaymentReply.PaymentRefunded(paymentId, amount, true)
                : new PaymentRefundRefused(paymentId, "gateway_refused");
    }

    /** How often the gateway refused this refund: each later ask is a new request to it. */
    private static int declinedRefunds(Loaded payment, UUID refundId) {
        return (int) payment.recorded().stream().filter(e -> "PaymentRefundDeclined".equals(e.eventType())
                && refundId.toString().equals(e.data().getString("refund_id"))).count();
    }

    private static boolean refundedBy(Loaded payment, UUID refundId) {
        return payment.recorded().stream().anyMatch(e -> "PaymentRefunded".equals(e.eventType())
                && refundId.toString().equals(e.data().getString("refund_id")));
    }

    private static Uni<Outcome> refused(Loaded payment, UUID paymentId, String reason) {
        return Uni.createFrom().item(Outcome.answer(payment, new PaymentRefundRefused(paymentId, reason)));
    }

    /** Voids {@code before} after {@code resolved} (the events that made it authorized, if it was pending). */
    private Uni<Outcome> voidAuthorized(Loaded before, List<PaymentEvent> resolved) {
        UUID paymentId = before.paymentId();
        PaymentState authorized = Payment.DECIDER.fold(before.state(), resolved);
        return commands.askToVoid(paymentId, authorized).map(answer -> {
            if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("void");
            if (!(answer instanceof GatewayAnswer.Approved)) {
                // Refused: the gateway's authorization moved on (a capture over REST won the race).
                return new Outcome(before, resolved, new PaymentVoided(paymentId, false, authorized.status().toString()));
            }
            List<PaymentEvent> events = new ArrayList<>(resolved);
            events.addAll(Payment.DECIDER.decide(
                    new io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment(paymentId), authorized));
            return new Outcome(before, events, new PaymentVoided(paymentId, true, PaymentStatus.VOIDED.toString()));
        });
    }

    private Uni<Loaded> load(Received<PaymentCommand> command, UUID paymentId) {
        return payments.load(command.tenantId(), paymentId);
    }
}

package io.cloudlab.payment.payment.saga;

import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.payment.payment.app.PaymentCommands;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentEvent.PaymentCaptured;
import io.cloudlab.payment.payment.domain.PaymentRejected.AlreadyExists;
import io.cloudlab.payment.payment.domain.PaymentRejected.AmountAboveLimit;
import io.cloudlab.payment.payment.domain.PaymentRejected.IllegalTransition;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentCaptureFailed;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentDeclined;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentFailed;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentVoided;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.payment.payment.store.PaymentRepository.Loaded;
import io.cloudlab.support.saga.SagaCommand;
import io.cloudlab.support.saga.SagaReplies;
import io.cloudlab.support.tenant.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The payment's side of the order-fulfilment saga: AuthorizePayment, CapturePayment and VoidPayment, each
 * answered with a reply that commits in the same transaction as its effect and the command's inbox row.
 *
 * <p>The gateway is a network call, so no transaction is held open across it: a plain read of the inbox
 * first (a redelivery of a processed command does nothing), then the gateway under the payment's own
 * idempotency key (a redelivery that got this far asks the same question and gets the same answer), then one
 * transaction with the inbox row, the payment's events and row, and the reply. If that transaction finds the
 * inbox row taken (a concurrent delivery won) it writes nothing. If it loses the stream's version race (another
 * attempt of the step recorded first) it rolls back, and the retry answers from the recorded state.
 */
@ApplicationScoped
public class PaymentSagaCommands {

    /** The inbox's consumer name and the Kafka consumer group. */
    public static final String CONSUMER = "payment.saga-commands";

    static final Set<String> TYPES = Set.of("AuthorizePayment", "CapturePayment", "VoidPayment");

    /** What a command leads to: events to append to the payment (maybe none) and the reply. */
    private record Outcome(Payment before, List<PaymentEvent> events, PaymentReply reply) {
        static Outcome answer(Payment payment, PaymentReply reply) {
            return new Outcome(payment, List.of(), reply);
        }
    }

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    PaymentRepository payments;

    @Inject
    PaymentCommands commands;

    @Inject
    MeterRegistry registry;

    public static boolean handles(String commandType) {
        return TYPES.contains(commandType);
    }

    /** Applies the command once; fails (to be retried) only when the database or the gateway is away. */
    public Uni<Void> handle(SagaCommand command) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return processed(command.commandId())
                    .chain(done -> done ? Uni.createFrom().item("redelivery") : decide(command).chain(o -> commit(command, o)))
                    .invoke(outcome -> stop(sample, command, outcome))
                    .onFailure().invoke(failure -> stop(sample, command, "error"))
                    .replaceWithVoid();
        });
    }

    private Uni<Outcome> decide(SagaCommand command) {
        return switch (command.type()) {
            case "AuthorizePayment" -> authorize(command, SagaCommandFields.authorize(command.orderId(), command.data()));
            case "CapturePayment" -> capture(command, SagaCommandFields.capture(command.data()));
            case "VoidPayment" -> voidPayment(command);
            default -> throw new IllegalArgumentException("not a payment command: " + command.type());
        };
    }

    // --- AuthorizePayment -------------------------------------------------------------------------

    private Uni<Outcome> authorize(SagaCommand command, SagaCommandFields.Authorize fields) {
        UUID paymentId = Payment.idForOrder(command.tenantId(), command.orderId());
        return load(command, paymentId).chain(payment -> {
            Optional<PaymentReply> settled = SagaAnswers.authorizationSettled(payment);
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            return Uni.createFrom().deferred(() -> commands.chargeable(command.tenantId(), fields.toCommand()))
                    .chain(chargeable -> {
                        payment.checkAuthorizable(chargeable.terms());
                        return commands.askToAuthorize(paymentId, chargeable).map(answer -> {
                            List<PaymentEvent> events = payment.authorize(chargeable.terms(), answer);
                            return new Outcome(payment, events, SagaAnswers.afterAuthorization(payment.applyAll(events)));
                        });
                    })
                    .onFailure(UnusablePaymentMethod.class).recoverWithItem(() -> Outcome.answer(payment,
                            new PaymentDeclined(payment.exists() ? paymentId : null, "invalid_payment_method")))
                    // Pending under other terms: still unknown at the gateway; the orchestrator compensates.
                    .onFailure(AlreadyExists.class).recoverWithItem(() -> Outcome.answer(payment,
                            new PaymentFailed(paymentId, "gateway_timeout")));
        });
    }

    // --- CapturePayment ---------------------------------------------------------------------------

    private Uni<Outcome> capture(SagaCommand command, SagaCommandFields.Capture fields) {
        UUID paymentId = fields.paymentId().orElse(Payment.idForOrder(command.tenantId(), command.orderId()));
        return load(command, paymentId).chain(payment -> {
            Optional<PaymentReply> settled = SagaAnswers.captureSettled(payment, command.orderId());
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            List<PaymentEvent> events;
            try {
                events = payment.capture(fields.amount());
            } catch (IllegalTransition notAuthorized) {
                return Uni.createFrom().item(Outcome.answer(payment, new PaymentCaptureFailed(paymentId, "not_authorized")));
            } catch (AmountAboveLimit above) {
                return Uni.createFrom().item(Outcome.answer(payment, new PaymentCaptureFailed(paymentId, "amount_above_authorized")));
            }
            PaymentCaptured captured = (PaymentCaptured) events.get(0);
            return commands.askToCapture(payment, captured.amount()).map(answer -> {
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

    private Uni<Outcome> voidPayment(SagaCommand command) {
        UUID paymentId = Payment.idForOrder(command.tenantId(), command.orderId());
        return load(command, paymentId).chain(payment -> {
            Optional<PaymentReply> settled = SagaAnswers.voidSettled(payment);
            if (settled.isPresent()) return Uni.createFrom().item(Outcome.answer(payment, settled.get()));
            if (payment.status() == PaymentStatus.AUTHORIZED) return voidAuthorized(payment, List.of());
            // Pending: the gateway may hold money after all. Resolve it first (same gateway key), then void.
            return commands.askAgainToAuthorize(command.tenantId(), payment).chain(answer -> {
                if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("authorization");
                List<PaymentEvent> resolved = payment.authorize(payment.terms(), answer);
                Payment after = payment.applyAll(resolved);
                if (after.status() != PaymentStatus.AUTHORIZED) {
                    return Uni.createFrom().item(new Outcome(payment, resolved,
                            new PaymentVoided(paymentId, false, after.status().toString())));
                }
                return voidAuthorized(payment, resolved);
            });
        });
    }

    /** Voids {@code before} after {@code resolved} (the events that made it authorized, if it was pending). */
    private Uni<Outcome> voidAuthorized(Payment before, List<PaymentEvent> resolved) {
        Payment authorized = before.applyAll(resolved);
        return commands.askToVoid(authorized).map(answer -> {
            if (answer instanceof GatewayAnswer.TimedOut) throw new GatewayUnanswered("void");
            if (!(answer instanceof GatewayAnswer.Approved)) {
                // Refused: the gateway's authorization moved on (a capture over REST won the race).
                return new Outcome(before, resolved, new PaymentVoided(before.paymentId(), false, authorized.status().toString()));
            }
            List<PaymentEvent> events = new ArrayList<>(resolved);
            events.addAll(authorized.voidAuthorization());
            return new Outcome(before, events, new PaymentVoided(before.paymentId(), true, PaymentStatus.VOIDED.toString()));
        });
    }

    // --- the transaction --------------------------------------------------------------------------

    private Uni<Payment> load(SagaCommand command, UUID paymentId) {
        return payments.load(command.tenantId(), paymentId).map(Loaded::payment);
    }

    /** Inbox row, effect and reply in one tenant transaction; nothing if another delivery got there first. */
    private Uni<String> commit(SagaCommand command, Outcome outcome) {
        PaymentReply reply = outcome.reply();
        return TenantTransactions.inTenant(pool, command.tenantId(), tx -> Inbox.firstDelivery(tx, CONSUMER, command.commandId())
                .chain(first -> {
                    if (!first) return Uni.createFrom().item("redelivery");
                    Uni<?> effect = outcome.events().isEmpty() ? Uni.createFrom().voidItem()
                            : payments.saveWithin(tx, outcome.before(), outcome.events(), command::eventId, command.metadata());
                    return effect.chain(() -> SagaReplies.append(tx, store, command, reply.type(), PaymentReplyCodec.data(reply)))
                            .replaceWith(reply.type());
                }));
    }

    private Uni<Boolean> processed(UUID commandId) {
        return pool.preparedQuery("SELECT 1 FROM event_store.processed_messages WHERE consumer_name = $1 AND message_id = $2")
                .execute(Tuple.of(CONSUMER, commandId)).map(rows -> rows.size() > 0);
    }

    private void stop(Timer.Sample sample, SagaCommand command, String outcome) {
        sample.stop(Timer.builder("payment_saga_commands").description("Saga commands handled, by reply sent")
                .tag("command", command.type()).tag("outcome", outcome).register(registry));
    }
}

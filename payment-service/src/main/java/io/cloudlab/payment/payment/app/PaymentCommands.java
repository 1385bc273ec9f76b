package io.cloudlab.payment.payment.app;

import io.cloudlab.support.observability.Traceparent;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.payment.method.domain.RegisteredPaymentMethod;
import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.domain.AuthorizationTerms;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentCommand;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod.Why;
import io.cloudlab.payment.payment.domain.PaymentState;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.payment.payment.store.PaymentRepository.Loaded;
import io.cloudlab.support.idempotency.IdempotentCommands.Keyed;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs payment commands: load the aggregate, let it check the command, ask the gateway, record the events.
 * The aggregate is asked before the gateway, so an illegal command never reaches the provider; the events
 * are recorded after it, so they say what the provider did.
 *
 * <p>Gateway idempotency keys make retries safe. Authorize, capture and void happen at most once per payment,
 * so their keys derive from the payment id: any retry (same Idempotency-Key or not) asks the gateway the same
 * question and gets the first answer. Refunds may be many, so a refund's key derives from the request's
 * Idempotency-Key.
 */
@ApplicationScoped
public class PaymentCommands {

    /** What a command led to; {@code outcome} is the gateway's answer, or null when nothing was asked. */
    public record Result(PaymentView payment, GatewayAnswer outcome) {}

    @Inject
    PaymentRepository payments;

    @Inject
    PaymentMethodRepository methods;

    @Inject
    PaymentGateway gateway;

    @ConfigProperty(name = "cloudlab.payment.gateway-timeout", defaultValue = "2s")
    Duration gatewayTimeout;

    /** What an authorization asks for, and the card token to charge (null for wallets and transfers). */
    public record Chargeable(AuthorizationTerms terms, String token) {}

    public Uni<Result> authorize(Caller caller, AuthorizationRequest request, Keyed keyed) {
        UUID paymentId = Payment.idForOrder(caller.tenantId(), request.orderId());
        return chargeable(caller.tenantId(), request).chain(chargeable -> payments.load(caller.tenantId(), paymentId)
                .chain(loaded -> {
                    // A pending payment is resumed even by the request that left it pending: that is the retry.
                    boolean pending = loaded.state().status() == PaymentStatus.PENDING;
                    if (!pending && alreadyApplied(loaded, keyed)) return current(caller, paymentId);
                    AuthorizationTerms terms = chargeable.terms();
                    Payment.checkAuthorizable(loaded.state(), terms);
                    return askToAuthorize(paymentId, chargeable).chain(answer -> record(caller, loaded,
                            Payment.DECIDER.decide(new AuthorizePayment(terms, answer), loaded.state()), keyed)
                            .map(view -> new Result(view, answer)));
                }));
    }

    /**
     * Asks the gateway to authorize, under the payment's own gateway key: asking again (a retry, a resumed
     * pending payment, a saga command's redelivery) gets the first answer and never authorizes twice.
     */
    public Uni<GatewayAnswer> askToAuthorize(UUID paymentId, Chargeable chargeable) {
        AuthorizationTerms terms = chargeable.terms();
        return call(() -> gateway.authorize("authorize:" + paymentId, terms.paymentMethod(), chargeable.token(),
                terms.amount(), terms.currency()));
    }

    /** Asks again about a pending payment (its terms as recorded), e.g. before it can be voided. */
    public Uni<GatewayAnswer> askAgainToAuthorize(UUID tenantId, UUID paymentId, PaymentState pending) {
        AuthorizationTerms terms = pending.terms();
        Uni<String> token = terms.paymentMethodId() == null ? Uni.createFrom().nullItem()
                : methods.find(tenantId, terms.paymentMethodId()).map(m -> m.map(RegisteredPaymentMethod::gatewayToken).orElse(null));
        return token.chain(t -> askToAuthorize(paymentId, new Chargeable(terms, t)));
    }

    public Uni<GatewayAnswer> askToCapture(UUID paymentId, PaymentState payment, BigDecimal amount) {
        return call(() -> gateway.capture("capture:" + paymentId, payment.gatewayReference(), amount));
    }

    public Uni<GatewayAnswer> askToVoid(UUID paymentId, PaymentState payment) {
        return call(() -> gateway.voidAuthorization("void:" + paymentId, payment.gatewayReference()));
    }

    public Uni<Result> capture(Caller caller, CapturePayment command, Keyed keyed) {
        return act(caller, command.paymentId(), command, keyed, (loaded, events) ->
                askToCapture(loaded.paymentId(), loaded.state(), ((PaymentEvent.PaymentCaptured) events.get(0)).amount()));
    }

    public Uni<Result> voidAuthorization(Caller caller, VoidPayment command, Keyed keyed) {
        return act(caller, command.paymentId(), command, keyed,
                (loaded, events) -> askToVoid(loaded.paymentId(), loaded.state()));
    }

    /** A saga's refund, under a gateway key of its own: every attempt of the step asks for the same refund. */
    /**
     * A saga's refund, under a key of its own: the same for every redelivery and every attempt after a timeout (the
     * gateway may have refunded: asking again must not refund twice), a new one after each refusal the payment
     * recorded ({@code declined}), which moved no money and which the gateway would otherwise only repeat.
     */
    public Uni<GatewayAnswer> askToRefund(UUID refundId, int declined, PaymentState payment, BigDecimal amount) {
        String key = "refund:" + refundId + (declined == 0 ? "" : ":" + declined);
        return call(() -> gateway.refund(key, payment.gatewayReference(), amount));
    }

    public Uni<Result> refund(Caller caller, RefundPayment command, Keyed keyed) {
        return act(caller, command.paymentId(), command, keyed, (loaded, events) -> call(() ->
                gateway.refund("refund:" + keyed.eventId(0), loaded.state().gatewayReference(), command.amount())));
    }

    private interface GatewayCall {
        Uni<GatewayAnswer> ask(Loaded payment, List<PaymentEvent> events);
    }

    /** Capture, void, refund: the aggregate decides, the gateway does, the events record it. */
    private Uni<Result> act(Caller caller, UUID paymentId, PaymentCommand command, Keyed keyed,
            GatewayCall gatewayCall) {
        return payments.load(caller.tenantId(), paymentId).chain(loaded -> {
            if (!loaded.exists()) return Uni.createFrom().failure(ProblemException.notFound("payment " + paymentId));
            if (alreadyApplied(loaded, keyed)) return current(caller, paymentId);
            List<PaymentEvent> events = Payment.DECIDER.decide(command, loaded.state());
            return gatewayCall.ask(loaded, events).chain(answer -> {
                if (!(answer instanceof GatewayAnswer.Approved)) {
                    return current(caller, paymentId).map(r -> new Result(r.payment(), answer));
                }
                return record(caller, loaded, events, keyed).map(view -> new Result(view, answer));
            });
        });
    }

    /** Appends what the aggregate decided; nothing decided, nothing written: the payment as it is. */
    private Uni<PaymentView> record(Caller caller, Loaded payment, List<PaymentEvent> happened, Keyed keyed) {
        if (happened.isEmpty()) return current(caller, payment.paymentId()).map(Result::payment);
        EventMetadata metadata = EventMetadata.forTenant(caller.tenantId()).byUser(caller.userId())
                .tracedBy(Traceparent.current(null));
        return payments.save(payment, happened, keyed::eventId, metadata);
    }

    /**
     * A request whose events are already in the stream (its event ids come from its Idempotency-Key) ran to
     * the end before, but its key was not completed (a crash, a lost lease): answer with the payment as it is.
     */
    private static boolean alreadyApplied(Loaded loaded, Keyed keyed) {
        for (RecordedEvent e : loaded.recorded()) {
            if (e.eventId().equals(keyed.eventId(e.version() - 1))) return true;
        }
        return false;
    }

    private Uni<Result> current(Caller caller, UUID paymentId) {
        return payments.find(caller.tenantId(), paymentId).map(view -> new Result(
                view.orElseThrow(() -> ProblemException.notFound("payment " + paymentId)), null));
    }

    /** The gateway's answer, or TimedOut when none came in time (the call may still complete at the gateway). */
    private Uni<GatewayAnswer> call(Supplier<CompletionStage<GatewayAnswer>> request) {
        return Uni.createFrom().completionStage(request)
                .ifNoItem().after(gatewayTimeout).recoverWithItem(GatewayAnswer.TimedOut::new);
    }

    /**
     * The terms to authorize and the stored card to charge, checked against the command (a card type needs a
     * stored card of the customer, of the type named). Refused as {@link UnusablePaymentMethod}.
     */
    public Uni<Chargeable> chargeable(UUID tenantId, AuthorizationRequest command) {
        if (command.paymentMethodId() == null) {
            if (command.paymentMethod().isCard()) {
                return Uni.createFrom().failure(new UnusablePaymentMethod(Why.MISSING,
                        "payment_method_id is required for " + command.paymentMethod()));
            }
            return Uni.createFrom().item(new Chargeable(terms(command, null), null));
        }
        return methods.find(tenantId, command.paymentMethodId()).map(found -> {
            RegisteredPaymentMethod method = found.filter(m -> m.customerId().equals(command.customerId()))
                    .orElseThrow(() -> new UnusablePaymentMethod(Why.UNKNOWN, "the customer has no payment method with this id"));
            if (method.type() != command.paymentMethod()) {
                throw new UnusablePaymentMethod(Why.MISMATCH, "payment_method is " + command.paymentMethod()
                        + " but the stored payment method is " + method.type());
            }
            return new Chargeable(terms(command, method), method.gatewayToken());
        });
    }

    private static AuthorizationTerms terms(AuthorizationRequest command, RegisteredPaymentMethod method) {
        return new AuthorizationTerms(command.orderId(), command.customerId(), command.amount(), command.currency(),
                command.paymentMethod(), command.paymentMethodId(),
                method == null || method.brand() == null ? null : method.brand().toString(),
                method == null ? null : method.lastFour());
    }
}

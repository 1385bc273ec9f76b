package io.cloudlab.payment.payment.app;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.payment.method.domain.RegisteredPaymentMethod;
import io.cloudlab.payment.method.store.PaymentMethodRepository;
import io.cloudlab.payment.payment.PaymentView;
import io.cloudlab.payment.payment.domain.AuthorizationTerms;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.Payment;
import io.cloudlab.payment.payment.domain.PaymentCommand.AuthorizePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.CapturePayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.RefundPayment;
import io.cloudlab.payment.payment.domain.PaymentCommand.VoidPayment;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.cloudlab.payment.payment.domain.PaymentStatus;
import io.cloudlab.payment.payment.store.PaymentRepository;
import io.cloudlab.payment.payment.store.PaymentRepository.Loaded;
import io.cloudlab.support.idempotency.IdempotentCommands.Keyed;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
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

    public Uni<Result> authorize(Caller caller, AuthorizePayment command, Keyed keyed) {
        UUID paymentId = Payment.idForOrder(caller.tenantId(), command.orderId());
        return chargeable(caller.tenantId(), command).chain(method -> {
            AuthorizationTerms terms = new AuthorizationTerms(command.orderId(), command.customerId(), command.amount(),
                    command.currency(), command.paymentMethod(), command.paymentMethodId(),
                    method == null || method.brand() == null ? null : method.brand().toString(),
                    method == null ? null : method.lastFour());
            String token = method == null ? null : method.gatewayToken();
            return payments.load(caller.tenantId(), paymentId).chain(loaded -> {
                // A pending payment is resumed even by the request that left it pending: that is the retry.
                boolean pending = loaded.payment().status() == PaymentStatus.PENDING;
                if (!pending && alreadyApplied(loaded, keyed)) return current(caller, paymentId);
                loaded.payment().checkAuthorizable(terms);
                return call(() -> gateway.authorize("authorize:" + paymentId, terms.paymentMethod(), token,
                                terms.amount(), terms.currency()))
                        .chain(answer -> record(caller, loaded.payment(), p -> p.authorize(terms, answer), keyed)
                                .map(view -> new Result(view, answer)));
            });
        });
    }

    public Uni<Result> capture(Caller caller, CapturePayment command, Keyed keyed) {
        return act(caller, command.paymentId(), keyed, p -> p.capture(command.amount()),
                (p, events) -> gateway.capture("capture:" + p.paymentId(), p.gatewayReference(),
                        ((PaymentEvent.PaymentCaptured) events.get(0)).amount()));
    }

    public Uni<Result> voidAuthorization(Caller caller, VoidPayment command, Keyed keyed) {
        return act(caller, command.paymentId(), keyed, Payment::voidAuthorization,
                (p, events) -> gateway.voidAuthorization("void:" + p.paymentId(), p.gatewayReference()));
    }

    public Uni<Result> refund(Caller caller, RefundPayment command, Keyed keyed) {
        return act(caller, command.paymentId(), keyed, p -> p.refund(command.amount(), command.reason()),
                (p, events) -> gateway.refund("refund:" + keyed.eventId(0), p.gatewayReference(), command.amount()));
    }

    private interface GatewayCall {
        CompletionStage<GatewayAnswer> ask(Payment payment, List<PaymentEvent> events);
    }

    /** Capture, void, refund: the aggregate decides, the gateway does, the events record it. */
    private Uni<Result> act(Caller caller, UUID paymentId, Keyed keyed, Function<Payment, List<PaymentEvent>> decide,
            GatewayCall gatewayCall) {
        return payments.load(caller.tenantId(), paymentId).chain(loaded -> {
            if (!loaded.payment().exists()) return Uni.createFrom().failure(ProblemException.notFound("payment " + paymentId));
            if (alreadyApplied(loaded, keyed)) return current(caller, paymentId);
            List<PaymentEvent> events = decide.apply(loaded.payment());
            return call(() -> gatewayCall.ask(loaded.payment(), events)).chain(answer -> {
                if (!(answer instanceof GatewayAnswer.Approved)) {
                    return current(caller, paymentId).map(r -> new Result(r.payment(), answer));
                }
                return record(caller, loaded.payment(), p -> events, keyed).map(view -> new Result(view, answer));
            });
        });
    }

    private Uni<PaymentView> record(Caller caller, Payment payment, Function<Payment, List<PaymentEvent>> events,
            Keyed keyed) {
        List<PaymentEvent> happened = events.apply(payment);
        if (happened.isEmpty()) return current(caller, payment.paymentId()).map(Result::payment);
        EventMetadata metadata = EventMetadata.forTenant(caller.tenantId()).byUser(caller.userId());
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

    /** The stored payment method to charge, checked against the command; null when none is named. */
    private Uni<RegisteredPaymentMethod> chargeable(UUID tenantId, AuthorizePayment command) {
        if (command.paymentMethodId() == null) {
            if (command.paymentMethod().isCard()) {
                return Uni.createFrom().failure(ProblemException.badRequest("payment_method_id",
                        "payment_method_id is required for " + command.paymentMethod()));
            }
            return Uni.createFrom().nullItem();
        }
        return methods.find(tenantId, command.paymentMethodId()).map(found -> {
            RegisteredPaymentMethod method = found.filter(m -> m.customerId().equals(command.customerId()))
                    .orElseThrow(() -> ProblemException.unprocessable("unknown-payment-method", "payment_method_id",
                            "the customer has no payment method with this id"));
            if (method.type() != command.paymentMethod()) {
                throw ProblemException.unprocessable("payment-method-mismatch", "payment_method",
                        "payment_method is " + command.paymentMethod() + " but the stored payment method is " + method.type());
            }
            return method;
        });
    }
}

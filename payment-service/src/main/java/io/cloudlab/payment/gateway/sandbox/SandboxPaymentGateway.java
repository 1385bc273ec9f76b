package io.cloudlab.payment.gateway.sandbox;

import io.cloudlab.payment.gateway.sandbox.TestCards.Behaviour;
import io.cloudlab.payment.method.domain.CardDetails;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.domain.CardToken;
import io.cloudlab.payment.payment.domain.DeclineReason;
import io.cloudlab.payment.payment.domain.GatewayAnswer;
import io.cloudlab.payment.payment.domain.PaymentGateway;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SANDBOX gateway ({@code cloudlab.payment.gateway=sandbox}, the default): behaves like a provider's test
 * mode so that the whole platform runs without one. Test cards decide the answers ({@link TestCards});
 * every call takes a random latency (non-blocking, a Vert.x timer); the slow test card answers only after
 * {@code cloudlab.payment.sandbox.slow-answer}, beyond the service's gateway timeout. Its state lives in
 * payments.sandbox_gateway_operations, one row per idempotency key, so a repeated key gets the first answer
 * even after a restart. Authorizations keep their own state (authorized, captured, voided; amounts captured
 * and refunded) and refuse what a provider refuses: capturing a voided authorization, refunding more than
 * was captured.
 */
@ApplicationScoped
@IfBuildProperty(name = "cloudlab.payment.gateway", stringValue = "sandbox", enableIfMissing = true)
public class SandboxPaymentGateway implements PaymentGateway {

    /** Tokens stand in for cards: they must not be guessable. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ANSWER_COLUMNS = "operation, outcome, reference";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "cloudlab.payment.sandbox.min-latency", defaultValue = "20ms")
    Duration minLatency;

    @ConfigProperty(name = "cloudlab.payment.sandbox.max-latency", defaultValue = "60ms")
    Duration maxLatency;

    @ConfigProperty(name = "cloudlab.payment.sandbox.slow-answer", defaultValue = "3s")
    Duration slowAnswer;

    Clock clock = Clock.systemUTC();

    /** The token's row keeps its behaviour (a held authorization still answers as before) and loses the last four. */
    @Override
    public CompletionStage<Void> forget(String token) {
        return pool.preparedQuery("UPDATE payments.sandbox_gateway_operations SET card_last_four = NULL"
                        + " WHERE token = $1 AND card_last_four IS NOT NULL")
                .execute(Tuple.of(token))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<CardToken> tokenize(CardDetails card) {
        Optional<Behaviour> behaviour = TestCards.behaviourOf(card);
        if (behaviour.isEmpty() || card.expiredAt(YearMonth.now(clock))) {
            return pause(latency()).replaceWith((CardToken) new CardToken.Refused(DeclineReason.INVALID_CARD))
                    .subscribeAsCompletionStage();
        }
        String token = newId("tok_");
        // The row keeps how the card answers, its brand and last four: never the number, never the CVC.
        return pool.preparedQuery("INSERT INTO payments.sandbox_gateway_operations (idempotency_key, operation, token,"
                        + " outcome, card_behaviour, card_brand, card_last_four) VALUES ($1, 'tokenize', $1, 'approved', $2, $3, $4)")
                .execute(Tuple.of(token, behaviour.get().code, card.brand().toString(), card.lastFour()))
                .chain(() -> pause(latency()))
                .replaceWith((CardToken) new CardToken.Issued(token, card.brand(), card.lastFour()))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<GatewayAnswer> authorize(String key, PaymentMethodType method, String token,
            BigDecimal amount, String currency) {
        return answered(key, "authorize")
                .chain(previous -> previous.isPresent()
                        ? pause(latency()).replaceWith(previous.get())
                        : behaviourOf(method, token).chain(behaviour -> recordAuthorization(key, token, amount, currency, behaviour)
                                .call(() -> pause(behaviour.orElse(null) == Behaviour.SLOW_APPROVE ? slowAnswer : latency()))))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<GatewayAnswer> capture(String key, String reference, BigDecimal amount) {
        return operate(key, "capture", reference, amount, "UPDATE payments.sandbox_gateway_operations"
                + " SET authorization_state = 'captured', captured_amount = $2, updated_at = now()"
                + " WHERE operation = 'authorize' AND reference = $1 AND outcome = 'approved'"
                + " AND authorization_state = 'authorized' AND amount >= $2 RETURNING operation_id");
    }

    @Override
    public CompletionStage<GatewayAnswer> voidAuthorization(String key, String reference) {
        return operate(key, "void", reference, null, "UPDATE payments.sandbox_gateway_operations"
                + " SET authorization_state = 'voided', updated_at = now()"
                + " WHERE operation = 'authorize' AND reference = $1 AND outcome = 'approved'"
                + " AND authorization_state = 'authorized' RETURNING operation_id");
    }

    @Override
    public CompletionStage<GatewayAnswer> refund(String key, String reference, BigDecimal amount) {
        return operate(key, "refund", reference, amount, "UPDATE payments.sandbox_gateway_operations"
                + " SET refunded_amount = refunded_amount + $2, updated_at = now()"
                + " WHERE operation = 'authorize' AND reference = $1 AND authorization_state = 'captured'"
                + " AND refunded_amount + $2 <= captured_amount"
                + " AND NOT EXISTS (SELECT 1 FROM payments.sandbox_gateway_operations card WHERE card.operation = 'tokenize'"
                + " AND card.token = sandbox_gateway_operations.token AND (card.card_behaviour = 'refuse_refunds'"
                // The refund asked now is itself a refused row until it is approved: one more is an earlier refusal.
                + " OR (card.card_behaviour = 'refuse_first_refund' AND (SELECT count(*) FROM payments.sandbox_gateway_operations r"
                + " WHERE r.operation = 'refund' AND r.reference = $1 AND r.outcome = 'refused') < 2)))"
                + " RETURNING operation_id");
    }

    // --- authorizations ---------------------------------------------------------------------------

    /** Empty: the gateway does not know the card (unknown token) and answers invalid_card. */
    private Uni<Optional<Behaviour>> behaviourOf(PaymentMethodType method, String token) {
        if (token == null) {
            return Uni.createFrom().item(method.isCard() ? Optional.empty() : Optional.of(Behaviour.APPROVE));
        }
        return pool.preparedQuery("SELECT card_behaviour FROM payments.sandbox_gateway_operations"
                        + " WHERE operation = 'tokenize' AND token = $1")
                .execute(Tuple.of(token))
                .map(rows -> rows.size() == 0 ? Optional.<Behaviour>empty()
                        : Optional.of(Behaviour.of(rows.iterator().next().getString("card_behaviour"))));
    }

    private Uni<GatewayAnswer> recordAuthorization(String key, String token, BigDecimal amount, String currency,
            Optional<Behaviour> behaviour) {
        String outcome = behaviour.map(b -> switch (b) {
            case APPROVE, SLOW_APPROVE, REFUSE_REFUNDS, REFUSE_FIRST_REFUND -> "approved";
            case DECLINE -> "declined";
            case INSUFFICIENT_FUNDS -> "insufficient_funds";
        }).orElse("invalid_card");
        String reference = outcome.equals("approved") ? newId("auth_") : null;
        return pool.preparedQuery("INSERT INTO payments.sandbox_gateway_operations (idempotency_key, operation, token,"
                        + " reference, outcome, amount, currency, authorization_state)"
                        + " VALUES ($1, 'authorize', $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING"
                        + " RETURNING " + ANSWER_COLUMNS)
                .execute(Tuple.tuple().addString(key).addString(token).addString(reference).addString(outcome)
                        .addValue(amount).addString(currency).addString(reference == null ? null : "authorized"))
                // Lost a race with the same key: the winner's answer is the answer.
                .chain(rows -> rows.size() == 0 ? answered(key, "authorize").map(Optional::get)
                        : Uni.createFrom().item(answer(rows.iterator().next(), "authorize")));
    }

    // --- capture, void, refund --------------------------------------------------------------------

    /**
     * One transaction: the operation's row is claimed by its key (a concurrent twin waits on the unique
     * index and then reads the first answer), and the authorization changes only if its state allows it.
     */
    private CompletionStage<GatewayAnswer> operate(String key, String operation, String reference, BigDecimal amount,
            String transition) {
        return pool.withTransaction(tx -> tx
                        .preparedQuery("INSERT INTO payments.sandbox_gateway_operations (idempotency_key, operation,"
                                + " reference, amount, outcome) VALUES ($1, $2, $3, $4, 'refused')"
                                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING operation_id")
                        .execute(Tuple.tuple().addString(key).addString(operation).addString(reference).addValue(amount))
                        .chain(claimed -> claimed.size() == 0
                                ? answered(tx, key, operation).map(Optional::get)
                                : transition(tx, key, reference, amount, transition)))
                .call(() -> pause(latency()))
                .subscribeAsCompletionStage();
    }

    private Uni<GatewayAnswer> transition(SqlConnection tx, String key, String reference, BigDecimal amount,
            String transition) {
        Tuple args = amount == null ? Tuple.of(reference) : Tuple.of(reference, amount);
        return tx.preparedQuery(transition).execute(args)
                .chain(changed -> changed.size() == 0
                        ? Uni.createFrom().item((GatewayAnswer) new GatewayAnswer.Refused(
                                "the authorization's state or amounts do not allow this operation"))
                        : tx.preparedQuery("UPDATE payments.sandbox_gateway_operations SET outcome = 'approved',"
                                        + " updated_at = now() WHERE idempotency_key = $1")
                                .execute(Tuple.of(key)).replaceWith(new GatewayAnswer.Approved(reference)));
    }

    // --- answers --------------------------------------------------------------------------------

    private Uni<Optional<GatewayAnswer>> answered(String key, String operation) {
        return pool.withConnection(c -> answered(c, key, operation));
    }

    private Uni<Optional<GatewayAnswer>> answered(SqlConnection c, String key, String operation) {
        return c.preparedQuery("SELECT " + ANSWER_COLUMNS + " FROM payments.sandbox_gateway_operations WHERE idempotency_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(answer(rows.iterator().next(), operation)));
    }

    private static GatewayAnswer answer(Row row, String operation) {
        if (!operation.equals(row.getString("operation"))) {
            return new GatewayAnswer.Refused("the idempotency key was used for another operation");
        }
        return switch (row.getString("outcome")) {
            case "approved" -> new GatewayAnswer.Approved(row.getString("reference"));
            case "refused" -> new GatewayAnswer.Refused("the authorization's state or amounts do not allow this operation");
            default -> new GatewayAnswer.Declined(DeclineReason.of(row.getString("outcome")));
        };
    }

    // --- time -----------------------------------------------------------------------------------

    private Duration latency() {
        long min = minLatency.toMillis();
        long max = Math.max(min, maxLatency.toMillis());
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(max - min + 1));
    }

    /** A Vert.x timer, never a sleeping thread: the event loop keeps serving while the "provider" thinks. */
    private Uni<Void> pause(Duration delay) {
        long ms = delay.toMillis();
        if (ms <= 0) return Uni.createFrom().voidItem();
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(ms, id -> emitter.complete(null)));
    }

    private static String newId(String prefix) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}

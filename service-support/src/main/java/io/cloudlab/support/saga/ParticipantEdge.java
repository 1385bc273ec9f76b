package io.cloudlab.support.saga;

import io.cloudlab.contracts.SagaCommand;
import io.cloudlab.contracts.SagaReply;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.support.messaging.MessageConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.cloudlab.support.observability.LogContext;
import io.cloudlab.support.tenant.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one edge between a participant service and its commands topic (channel {@code saga-commands}, consumed in
 * batches), present in a service that sets {@code cloudlab.saga.participant=true} and supplies one {@link
 * SagaParticipant}. For each command: read it by the participant's contract, skip it if the inbox has it,
 * {@link SagaParticipant#prepare}; then one transaction for the poll, in which each command, under its tenant,
 * gets its inbox row, its effect and its reply. Failures go to {@link MessageEdge}: the poll is then applied
 * command by command, each waited out while worth it and parked otherwise.
 *
 * <p>Timer {@code cloudlab_saga_commands_seconds{participant, command, outcome}}: outcome {@code done} (a
 * success reply), {@code refused} (a failure reply), {@code duplicate} (handled before), {@code error}
 * (failed this time: retried or parked), each recorded once its transaction has ended.
 */
@ApplicationScoped
@IfBuildProperty(name = "cloudlab.saga.participant", stringValue = "true")
public class ParticipantEdge implements MessageConsumer {

    private static final String DUPLICATE = "duplicate";

    @Inject
    Instance<SagaParticipant<?, ?>> participants;

    @Inject
    MessageEdge edge;

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    MeterRegistry registry;

    @Incoming("saga-commands")
    public Uni<Void> consume(List<String> messages) {
        return edge.consumeAll(this, messages);
    }

    @Override
    public String name() {
        return participant().consumerName();
    }

    @Override
    public boolean retryable(Throwable failure) {
        return participant().retryable(failure);
    }

    @Override
    public Uni<Void> apply(String message) {
        return applyAll(List.of(message));
    }

    @Override
    public Uni<Void> applyAll(List<String> messages) {
        return run(participant(), messages);
    }

    /** A command ready for the transaction: what {@link SagaParticipant#prepare} made of it, or a known duplicate. */
    private record Ready<C extends SagaCommand, P>(Received<C> command, P prepared, boolean duplicate) {}

    private <C extends SagaCommand, P> Uni<Void> run(SagaParticipant<C, P> participant, List<String> messages) {
        Timer.Sample sample = Timer.start(registry);
        List<Received<C>> commands = new ArrayList<>(messages.size());
        for (String message : messages) commands.add(Received.parse(message, participant.contract()));
        List<String> outcomes = new ArrayList<>(commands.size());
        return prepareAll(participant, commands)
                .chain(ready -> pool.withTransaction(tx -> {
                    outcomes.clear();
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (Ready<C, P> r : ready) {
                        each = each.chain(() -> handle(tx, participant, r)).invoke(outcomes::add).replaceWithVoid();
                    }
                    return each;
                }))
                .onItemOrFailure().invoke((done, failure) -> {
                    for (int i = 0; i < commands.size(); i++) {
                        String outcome = failure == null ? outcomes.get(i) : "error";
                        sample.stop(Timer.builder("cloudlab_saga_commands")
                                .description("Saga commands handled by this participant, by outcome")
                                .tag("participant", participant.contract().name()).tag("command", commands.get(i).type())
                                .tag("outcome", outcome).publishPercentileHistogram().register(registry));
                    }
                });
    }

    /** Before the transaction, one command after another: a redelivery skips costly preparation. */
    private <C extends SagaCommand, P> Uni<List<Ready<C, P>>> prepareAll(SagaParticipant<C, P> participant,
            List<Received<C>> commands) {
        List<Ready<C, P>> ready = new ArrayList<>(commands.size());
        Uni<Void> each = Uni.createFrom().voidItem();
        for (Received<C> command : commands) {
            each = each.chain(() -> (participant.costlyPreparation()
                            ? Inbox.applied(pool, participant.consumerName(), command.commandId())
                            : Uni.createFrom().item(false))
                    .chain(duplicate -> duplicate ? Uni.createFrom().item(new Ready<C, P>(command, null, true))
                            : Uni.createFrom().deferred(() -> participant.prepare(command))
                                    .map(prepared -> new Ready<>(command, prepared, false)))
                    .invoke(ready::add).replaceWithVoid());
        }
        return each.replaceWith(ready);
    }

    /** One command within the poll's transaction, under its tenant: inbox row, effect, reply. */
    private <C extends SagaCommand, P> Uni<String> handle(SqlConnection tx, SagaParticipant<C, P> participant,
            Ready<C, P> ready) {
        if (ready.duplicate()) return Uni.createFrom().item(DUPLICATE);
        Received<C> command = ready.command();
        LogContext.of(command.tenantId(), command.correlationId(), command.traceparent());
        return TenantTransactions.enter(tx, command.tenantId())
                .chain(() -> Inbox.firstDelivery(tx, participant.consumerName(), command.commandId()))
                .chain(first -> !first ? Uni.createFrom().item(DUPLICATE)
                        : participant.handle(tx, command, ready.prepared()).chain(reply ->
                                SagaReplies.append(tx, store, command, reply).replaceWith(outcome(reply))));
    }

    private static String outcome(SagaReply reply) {
        return reply.failure() ? "refused" : "done";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SagaParticipant<SagaCommand, Object> participant() {
        return (SagaParticipant) participants.get();
    }
}

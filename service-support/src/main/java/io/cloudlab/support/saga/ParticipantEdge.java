package io.cloudlab.support.saga;

import io.cloudlab.contracts.SagaCommand;
import io.cloudlab.contracts.SagaReply;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.inbox.Inbox;
import io.cloudlab.support.messaging.MessageConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.cloudlab.support.tenant.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one edge between a participant service and its commands topic (channel {@code saga-commands}), present
 * in a service that sets {@code cloudlab.saga.participant=true} and supplies one {@link SagaParticipant}.
 * For each command: read it by the participant's contract, skip it if the inbox has it, {@link
 * SagaParticipant#prepare}, then one transaction of the command's tenant with the inbox row, the effect and
 * the reply. Failures go to {@link MessageEdge}: waited out while worth it, parked otherwise.
 *
 * <p>Timer {@code cloudlab_saga_commands_seconds{participant, command, outcome}}: outcome {@code done} (a
 * success reply), {@code refused} (a failure reply), {@code duplicate} (handled before), {@code error}
 * (failed this time: retried or parked).
 */
@ApplicationScoped
@IfBuildProperty(name = "cloudlab.saga.participant", stringValue = "true")
public class ParticipantEdge implements MessageConsumer {

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
    public Uni<Void> consume(String message) {
        return edge.consume(this, message);
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
        return run(participant(), message);
    }

    private <C extends SagaCommand, P> Uni<Void> run(SagaParticipant<C, P> participant, String message) {
        Received<C> command = Received.parse(message, participant.contract());
        String consumer = participant.consumerName();
        Timer.Sample sample = Timer.start(registry);
        Uni<Boolean> seen = participant.costlyPreparation() ? Inbox.applied(pool, consumer, command.commandId())
                : Uni.createFrom().item(false);
        return seen.chain(duplicate -> duplicate ? Uni.createFrom().item("duplicate")
                        : Uni.createFrom().deferred(() -> participant.prepare(command)).chain(prepared ->
                                TenantTransactions.inTenant(pool, command.tenantId(), tx ->
                                        Inbox.firstDelivery(tx, consumer, command.commandId()).chain(first -> !first
                                                ? Uni.createFrom().item("duplicate")
                                                : participant.handle(tx, command, prepared).chain(reply ->
                                                        SagaReplies.append(tx, store, command, reply)
                                                                .replaceWith(outcome(reply)))))))
                .onItemOrFailure().invoke((outcome, failure) -> sample.stop(Timer.builder("cloudlab_saga_commands")
                        .description("Saga commands handled by this participant, by outcome")
                        .tag("participant", participant.contract().name()).tag("command", command.type())
                        .tag("outcome", failure == null ? outcome : "error").publishPercentileHistogram()
                        .register(registry)))
                .replaceWithVoid();
    }

    private static String outcome(SagaReply reply) {
        return reply.failure() ? "refused" : "done";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SagaParticipant<SagaCommand, Object> participant() {
        return (SagaParticipant) participants.get();
    }
}

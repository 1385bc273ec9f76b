package io.cloudlab.saga.fulfilment.api;

import io.cloudlab.contracts.Participant;
import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.relay.RelayedRecords;
import io.cloudlab.saga.fulfilment.domain.SagaDefinition;
import io.cloudlab.saga.fulfilment.domain.SagaStep;
import io.cloudlab.saga.fulfilment.domain.Sagas;
import io.cloudlab.saga.fulfilment.store.CommandOutbox;
import io.cloudlab.support.saga.SagaReplies;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every command a saga sent, attempt by attempt, with the reply each got: the timeline's messages, and the Kafka
 * record each became. Nothing is written for this on the order path. The commands are the saga's command streams in
 * its own event store (one event per attempt, its id the command id); a reply's stream and event id follow from its
 * command's id ({@link SagaReplies}), so its record is found on the replies topic. Kafka is read when asked, bounded
 * ({@link RelayedRecords}), off the event loop.
 */
@ApplicationScoped
public class SagaMessages {

    /** Records read past a message's time before it is given up as not found. */
    static final int RECORDS_PER_MESSAGE = 5000;

    public record Message(int stepNumber, String stepType, int attempt, UUID commandId, String commandType, String participant,
            OffsetDateTime sentAt, RelayedRecords.Placement commandRecord, ReplyView reply) {}

    /** A participant's reply as it went over Kafka; null where none came (yet) or it was not found. */
    public record ReplyView(String replyType, RelayedRecords.Placement record, Map<String, Object> data) {}

    @Inject
    EventStore store;

    @Inject
    RelayedRecords relayed;

    @ConfigProperty(name = "mp.messaging.incoming.saga-replies.topic")
    String repliesTopic;

    public Uni<List<Message>> of(SagaViews.Detail detail) {
        SagaDefinition definition = Sagas.byType(detail.saga().sagaType());
        UUID tenant = detail.saga().tenantId();
        UUID sagaId = detail.saga().sagaId();
        Set<Participant<?, ?>> participants = new LinkedHashSet<>();
        for (SagaStep step : definition.steps()) participants.add(step.participant());
        Uni<Map<Participant<?, ?>, List<RecordedEvent>>> sent = Uni.createFrom().item(new LinkedHashMap<>());
        for (Participant<?, ?> participant : participants) {
            sent = sent.chain(all -> store.load(tenant, CommandOutbox.streamOf(sagaId, participant)).map(loaded -> {
                all.put(participant, loaded.events());
                return all;
            }));
        }
        return sent.chain(all -> Uni.createFrom().item(() -> messages(definition, sagaId, all))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * Blocking: reads Kafka, the commands' records one participant's topic at a time and every reply with one
     * consumer. A record Kafka cannot give is left out; the commands themselves stand.
     */
    private List<Message> messages(SagaDefinition definition, UUID sagaId, Map<Participant<?, ?>, List<RecordedEvent>> sent) {
        Map<UUID, RelayedRecords.Placement> commandRecords = new HashMap<>();
        Map<UUID, Map<UUID, Instant>> replies = new HashMap<>();
        for (Map.Entry<Participant<?, ?>, List<RecordedEvent>> commands : sent.entrySet()) {
            Map<UUID, Instant> times = new HashMap<>();
            for (RecordedEvent c : commands.getValue()) {
                times.put(c.eventId(), c.createdAt().toInstant());
                replies.put(SagaReplies.streamOf(c.eventId()), Map.of(SagaReplies.eventIdOf(c.eventId()), c.createdAt().toInstant()));
            }
            UUID stream = CommandOutbox.streamOf(sagaId, commands.getKey());
            commandRecords.putAll(safely(() -> relayed.find(commands.getKey().commandStream(), stream, times, RECORDS_PER_MESSAGE)));
        }
        Map<UUID, RelayedRecords.Found> replyRecords = safely(() -> relayed.read(repliesTopic, replies, RECORDS_PER_MESSAGE));
        record Sent(Participant<?, ?> participant, RecordedEvent command, SagaStep step) {}
        List<Sent> inOrder = new ArrayList<>();
        for (Map.Entry<Participant<?, ?>, List<RecordedEvent>> commands : sent.entrySet()) {
            for (RecordedEvent c : commands.getValue()) inOrder.add(new Sent(commands.getKey(), c, stepOf(definition, commands.getKey(), c.eventType())));
        }
        inOrder.sort(Comparator.comparing((Sent m) -> m.command().createdAt()).thenComparing(m -> m.step() == null ? 0 : m.step().number()));
        Map<Integer, Integer> attempts = new HashMap<>();
        List<Message> out = new ArrayList<>();
        for (Sent m : inOrder) {
            RecordedEvent c = m.command();
            int stepNumber = m.step() == null ? 0 : m.step().number();
            RelayedRecords.Found r = replyRecords.get(SagaReplies.eventIdOf(c.eventId()));
            ReplyView reply = null;
            if (r != null) {
                JsonObject envelope = r.value() == null ? new JsonObject() : new JsonObject(r.value());
                reply = new ReplyView(envelope.getString("event_type"), r.placement(), envelope.getJsonObject("data", new JsonObject()).getMap());
            }
            out.add(new Message(stepNumber, m.step() == null ? null : m.step().name(), attempts.merge(stepNumber, 1, Integer::sum),
                    c.eventId(), c.eventType(), m.participant().name(), c.createdAt(), commandRecords.get(c.eventId()), reply));
        }
        return List.copyOf(out);
    }

    private static SagaStep stepOf(SagaDefinition definition, Participant<?, ?> participant, String commandType) {
        for (SagaStep step : definition.steps()) {
            if (step.participant().equals(participant) && Wire.nameOf(step.commandType()).equals(commandType)) return step;
        }
        return null;
    }

    private static <T> Map<UUID, T> safely(java.util.function.Supplier<Map<UUID, T>> read) {
        try {
            return read.get();
        } catch (RuntimeException kafkaDidNotAnswer) {
            return Map.of();
        }
    }
}

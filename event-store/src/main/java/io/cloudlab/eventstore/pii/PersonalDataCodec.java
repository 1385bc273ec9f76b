package io.cloudlab.eventstore.pii;

import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Moves an event's personal fields into one encrypted envelope before it is stored, and back on read.
 *
 * <p>Stored shape: the personal fields leave the payload and travel as
 * {@code "$pii": {"subject": "<uuid>", "fields": [names], "ciphertext": "<base64 nonce||AES-256-GCM(json)>"}}
 * (field names are not personal; their values are).
 * Read back with the subject's key, they return to their places. Once the subject is erased they read
 * back as {@code null}, and the event's metadata lists them under {@code erased_fields}; every other field
 * of the event is untouched.
 */
public final class PersonalDataCodec {

    static final String ENVELOPE = "$pii";
    private final SubjectKeys keys;

    public PersonalDataCodec(SubjectKeys keys) {
        this.keys = keys;
    }

    public Uni<List<NewEvent>> protect(UUID tenantId, List<NewEvent> events) {
        return protect(null, tenantId, events);
    }

    /** Seals the events' personal data, looking keys up on {@code client} (the pool when null). */
    public Uni<List<NewEvent>> protect(io.vertx.mutiny.sqlclient.SqlClient client, UUID tenantId, List<NewEvent> events) {
        if (events.stream().allMatch(e -> e.personalData().isEmpty())) {
            return Uni.createFrom().item(events);
        }
        Set<UUID> subjects = new HashSet<>();
        events.forEach(e -> { if (!e.personalData().isEmpty()) subjects.add(e.personalData().subjectId()); });
        return Uni.join().all(subjects.stream()
                        .map(s -> (client == null ? keys.forWrite(tenantId, s) : keys.forWrite(client, tenantId, s))
                                .map(k -> Map.entry(s, k)))
                        .toList())
                .andFailFast()
                .map(entries -> {
                    Map<UUID, Optional<byte[]>> byId = Map.ofEntries(entries.toArray(Map.Entry[]::new));
                    return events.stream().map(e -> seal(e, byId)).toList();
                });
    }

    public Uni<List<RecordedEvent>> reveal(List<RecordedEvent> events) {
        Set<SubjectKeys.Subject> subjects = new HashSet<>();
        for (RecordedEvent e : events) {
            if (!e.mayHoldKey(ENVELOPE)) continue;
            JsonObject envelope = e.data().getJsonObject(ENVELOPE);
            if (envelope != null) subjects.add(new SubjectKeys.Subject(e.tenantId(), UUID.fromString(envelope.getString("subject"))));
        }
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return keys.forRead(subjects).map(byId -> {
            List<RecordedEvent> revealed = new ArrayList<>(events.size());
            for (RecordedEvent e : events) revealed.add(open(e, byId));
            return revealed;
        });
    }

    private static NewEvent seal(NewEvent event, Map<UUID, Optional<byte[]>> keys) {
        PersonalData personal = event.personalData();
        if (personal.isEmpty()) return event;
        JsonObject data = event.data().copy();
        JsonObject fields = new JsonObject();
        for (String field : personal.fields()) {
            if (data.containsKey(field)) fields.put(field, data.remove(field));
        }
        JsonObject envelope = new JsonObject()
                .put("subject", personal.subjectId().toString())
                .put("fields", new JsonArray(new ArrayList<>(fields.fieldNames())));
        Optional<byte[]> key = keys.get(personal.subjectId());
        // An erased subject's personal data is never stored, not even encrypted: no ciphertext at all.
        key.ifPresent(k -> envelope.put("ciphertext", Base64.getEncoder().encodeToString(AesGcm.encrypt(
                k, fields.encode().getBytes(StandardCharsets.UTF_8), SubjectKeys.aad(personal.subjectId())))));
        return new NewEvent(event.eventId(), event.eventType(), event.schemaVersion(), data.put(ENVELOPE, envelope),
                PersonalData.NONE);
    }

    private static RecordedEvent open(RecordedEvent event, Map<SubjectKeys.Subject, Optional<byte[]>> keys) {
        if (!event.mayHoldKey(ENVELOPE)) return event;
        JsonObject envelope = event.data().getJsonObject(ENVELOPE);
        if (envelope == null) return event;
        UUID subject = UUID.fromString(envelope.getString("subject"));
        JsonObject data = event.data().copy();
        data.remove(ENVELOPE);
        Optional<byte[]> key = keys.getOrDefault(new SubjectKeys.Subject(event.tenantId(), subject), Optional.empty());
        String ciphertext = envelope.getString("ciphertext");
        JsonObject metadata = event.metadata().copy();
        if (key.isPresent() && ciphertext != null) {
            byte[] plain = AesGcm.decrypt(key.get(), Base64.getDecoder().decode(ciphertext), SubjectKeys.aad(subject));
            new JsonObject(new String(plain, StandardCharsets.UTF_8)).forEach(f -> data.put(f.getKey(), f.getValue()));
        } else {
            JsonArray erased = envelope.getJsonArray("fields", new JsonArray());
            erased.forEach(f -> data.putNull((String) f));
            metadata.put("erased_fields", erased.copy()).put("erased_subject", subject.toString());
        }
        return event.withPayloadAndMetadata(data, metadata);
    }
}

package io.cloudlab.eventstore;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as stored, read back as the current type: upcast to the newest schema version, personal
 * fields decrypted (or marked erased).
 *
 * <p>Payload and metadata are parsed on first use, not when the row is read. Parsing JSON is most of a
 * subscription's CPU while it catches up (docs/performance.md), and many readers never look inside: the outbox relay forwards the stored JSON as it is, and a projection interested in some event
 * types skips the rest. An instance is used by one thread at a time (the subscription's or the caller's).
 */
public final class RecordedEvent {

    private final UUID eventId;
    private final UUID aggregateId;
    private final String aggregateType;
    private final String eventType;
    private final int version;
    private final int schemaVersion;
    private final UUID tenantId;
    private final long position;
    private final long transactionId;
    private final OffsetDateTime createdAt;
    private final String storedData;
    private final String storedMetadata;
    private JsonObject data;
    private JsonObject metadata;

    /**
     * @param version       the event's place in its stream (1, 2, 3, ...)
     * @param position      global sequence number
     * @param transactionId id of the transaction that appended it; with position, the subscriptions' order
     */
    public RecordedEvent(UUID eventId, UUID aggregateId, String aggregateType, String eventType, int version,
            int schemaVersion, JsonObject data, JsonObject metadata, UUID tenantId, long position,
            long transactionId, OffsetDateTime createdAt) {
        this(eventId, aggregateId, aggregateType, eventType, version, schemaVersion, (String) null, (String) null,
                tenantId, position, transactionId, createdAt);
        this.data = Objects.requireNonNull(data, "data");
        this.metadata = metadata;
    }

    private RecordedEvent(UUID eventId, UUID aggregateId, String aggregateType, String eventType, int version,
            int schemaVersion, String storedData, String storedMetadata, UUID tenantId, long position,
            long transactionId, OffsetDateTime createdAt) {
        this.eventId = eventId;
        this.aggregateId = aggregateId;
        this.aggregateType = aggregateType;
        this.eventType = eventType;
        this.version = version;
        this.schemaVersion = schemaVersion;
        this.storedData = storedData;
        this.storedMetadata = storedMetadata;
        this.tenantId = tenantId;
        this.position = position;
        this.transactionId = transactionId;
        this.createdAt = createdAt;
    }

    /** An event whose payload and metadata are still the JSON text read from the store. */
    public static RecordedEvent stored(UUID eventId, UUID aggregateId, String aggregateType, String eventType,
            int version, int schemaVersion, String dataJson, String metadataJson, UUID tenantId, long position,
            long transactionId, OffsetDateTime createdAt) {
        return new RecordedEvent(eventId, aggregateId, aggregateType, eventType, version, schemaVersion,
                Objects.requireNonNull(dataJson, "data"), metadataJson, tenantId, position, transactionId, createdAt);
    }

    public RecordedEvent withPayload(String type, int schema, JsonObject payload) {
        return new RecordedEvent(eventId, aggregateId, aggregateType, type, version, schema, payload, metadata(),
                tenantId, position, transactionId, createdAt);
    }

    public RecordedEvent withPayloadAndMetadata(JsonObject payload, JsonObject newMetadata) {
        return new RecordedEvent(eventId, aggregateId, aggregateType, eventType, version, schemaVersion, payload,
                newMetadata, tenantId, position, transactionId, createdAt);
    }

    public JsonObject data() {
        if (data == null) data = new JsonObject(storedData);
        return data;
    }

    public JsonObject metadata() {
        if (metadata == null && storedMetadata != null) metadata = new JsonObject(storedMetadata);
        return metadata;
    }

    /** The payload as JSON text, without parsing it when it was never parsed. */
    public String dataJson() {
        return data != null ? data.encode() : storedData;
    }

    /** The metadata as JSON text (null when there is none), without parsing it when it was never parsed. */
    public String metadataJson() {
        if (metadata != null) return metadata.encode();
        return storedMetadata;
    }

    /**
     * Cheap pre-check for the personal-data envelope: false means certainly none. Looks at the text when the
     * payload was not parsed yet, so events without personal data are never parsed for the check.
     */
    public boolean mayHoldKey(String field) {
        return data != null ? data.containsKey(field) : storedData.contains('"' + field + '"');
    }

    public String correlationId() {
        JsonObject m = metadata();
        return m == null ? null : m.getString("correlation_id");
    }

    public String traceparent() {
        JsonObject m = metadata();
        return m == null ? null : m.getString("traceparent");
    }

    public UUID eventId() { return eventId; }

    public UUID aggregateId() { return aggregateId; }

    public String aggregateType() { return aggregateType; }

    public String eventType() { return eventType; }

    public int version() { return version; }

    public int schemaVersion() { return schemaVersion; }

    public UUID tenantId() { return tenantId; }

    public long position() { return position; }

    public long transactionId() { return transactionId; }

    public OffsetDateTime createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedEvent other && eventId.equals(other.eventId) && position == other.position
                && eventType.equals(other.eventType) && schemaVersion == other.schemaVersion
                && data().equals(other.data()) && Objects.equals(metadata(), other.metadata());
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, position, eventType, schemaVersion);
    }

    @Override
    public String toString() {
        return "RecordedEvent[" + eventType + " v" + schemaVersion + " " + aggregateType + "/" + aggregateId + "@"
                + version + ", position " + position + ", event " + eventId + "]";
    }
}

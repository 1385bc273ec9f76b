package io.cloudlab.eventstore;

import java.util.UUID;

/**
 * Every way the store refuses a request. Each refusal writes nothing. The REST edge maps them to
 * problem+json: a conflict to 409, bad input to 400/422, a stream the tenant cannot see to 404.
 */
public abstract sealed class EventStoreException extends RuntimeException {

    EventStoreException(String message) {
        super(message, null, false, false);
    }

    /** The stream is not at the expected version: another writer got there first. */
    public static final class ConcurrencyConflict extends EventStoreException {
        private final UUID aggregateId;
        private final int expectedVersion;
        private final Integer actualVersion;

        public ConcurrencyConflict(UUID aggregateId, int expectedVersion, Integer actualVersion) {
            super("stream " + aggregateId + " is at version " + (actualVersion == null ? "unknown" : actualVersion)
                    + ", not the expected " + expectedVersion);
            this.aggregateId = aggregateId;
            this.expectedVersion = expectedVersion;
            this.actualVersion = actualVersion;
        }

        public UUID aggregateId() { return aggregateId; }
        public int expectedVersion() { return expectedVersion; }
        /** The version found, when known (a lost race at the unique index does not tell). */
        public Integer actualVersion() { return actualVersion; }
    }

    /** A request that is wrong in itself; {@link #field()} names what is wrong. */
    public static final class InvalidAppend extends EventStoreException {
        private final String field;

        public InvalidAppend(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /** The aggregate type is not one this store was configured with. */
    public static final class UnknownAggregateType extends EventStoreException {
        public UnknownAggregateType(String type) {
            super("aggregateType: unknown aggregate type '" + type + "'");
        }
    }

    /** No such stream for this tenant (it may exist for another: the two cannot be told apart). */
    public static final class StreamNotFound extends EventStoreException {
        public StreamNotFound(UUID aggregateId) {
            super("no stream " + aggregateId + " for this tenant");
        }
    }

    /** The stream exists with another aggregate type. */
    public static final class WrongAggregateType extends EventStoreException {
        public WrongAggregateType(UUID aggregateId, String type) {
            super("aggregateType: stream " + aggregateId + " is not of type " + type);
        }
    }

    /** The stream was soft-deleted and takes no more events. */
    public static final class StreamDeleted extends EventStoreException {
        public StreamDeleted(UUID aggregateId) {
            super("stream " + aggregateId + " is deleted");
        }
    }
}

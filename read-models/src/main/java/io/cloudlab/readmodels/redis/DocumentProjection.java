package io.cloudlab.readmodels.redis;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import java.util.Set;

/**
 * A read model kept in Redis as JSON documents, one per key, folded from events. Plain code: no I/O, no
 * clock, no framework, so the same fold serves projecting, rebuilding and auditing, and a unit test can
 * drive it with events alone. {@link RedisProjector} does the rest: reading the documents a batch touches,
 * writing them back with their index entries and the checkpoint in one atomic script, parking an event this
 * fold throws on.
 *
 * <p>Implementations are CDI beans; each one found is projected (and operable through the admin API).
 */
public interface DocumentProjection {

    /** Unique within the platform, e.g. {@code order-views}. */
    String name();

    /** The events it reads. */
    SubscriptionFilter filter();

    /** The document (a key relative to the projection, e.g. {@code order:<id>}) an event changes, or null. */
    String documentOf(RecordedEvent event);

    /**
     * The document after the event.
     *
     * @param current the document's JSON, null when it does not exist yet
     * @return the new JSON; {@code current} itself when the event changes nothing
     * @throws RuntimeException for an event this fold cannot apply: the event is parked, never skipped silently
     */
    String apply(String current, RecordedEvent event);

    /**
     * The document once its subject's personal data is erased: what folding its events would give now that their
     * personal fields read back as null (their subject's key is shredded). A fold keeps what it once read, so an
     * erasure rewrites the documents it holds through this. A projection without personal data returns it unchanged.
     */
    default String withoutPersonalData(String current) {
        return current;
    }

    /**
     * Sorted-set entries the document belongs to (e.g. a customer's orders by time). Entries of the previous
     * version that are not among these are removed in the same write.
     */
    default Set<IndexEntry> indexes(String document, String json) {
        return Set.of();
    }

    /** A member of a sorted set (a key relative to the projection) with its score. */
    record IndexEntry(String index, double score, String member) {}
}

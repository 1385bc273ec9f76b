package io.cloudlab.eventstore;

import io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict;
import io.cloudlab.eventstore.EventStoreException.InvalidAppend;
import io.cloudlab.eventstore.EventStoreException.StreamDeleted;
import io.cloudlab.eventstore.EventStoreException.StreamNotFound;
import io.cloudlab.eventstore.EventStoreException.UnknownAggregateType;
import io.cloudlab.eventstore.EventStoreException.WrongAggregateType;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Appends events to streams and loads them back. Every call is one round trip to PostgreSQL: the work is
 * done by the functions of migration V2 under row-level security for the caller's tenant.
 */
public final class EventStore {

    private static final String TRY_APPEND = "SELECT appended, first_position, last_position"
            + " FROM event_store.try_append($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String APPEND_CHECKED = "SELECT outcome, stream_version, first_position, last_position"
            + " FROM event_store.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String READ = "SELECT record_kind, aggregate_type, event_id, event_type, version,"
            + " schema_version, data::text AS data, metadata::text AS metadata, event_position,"
            + " transaction_id::text::bigint AS transaction_id, created_at FROM event_store.read_stream($1, $2, $3, $4)";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final EventStoreOptions options;
    private final Upcasters upcasters;
    private final PersonalDataCodec personalData;
    private final AppendNotifier notifier;
    private final AppendBatcher batcher;
    private final AppendTimings timings;

    public EventStore(Pool pool, EventStoreOptions options, Upcasters upcasters, PersonalDataCodec personalData) {
        this(pool, options, upcasters, personalData, AppendTimings.NONE);
    }

    public EventStore(Pool pool, EventStoreOptions options, Upcasters upcasters, PersonalDataCodec personalData,
            AppendTimings timings) {
        this.timings = timings;
        this.pool = pool;
        this.options = options;
        this.upcasters = upcasters;
        this.personalData = personalData;
        this.notifier = new AppendNotifier(pool, AppendNotifier.WINDOW);
        this.batcher = new AppendBatcher(pool, options.maxAppendsInFlight(), options.maxBatchSize(),
                a -> appendAlone(a.aggregateType(), a.aggregateId(), a.expectedVersion(), a.events(), a.metadata()));
    }

    /**
     * Appends {@code events} to the stream of {@code aggregateId} if it is at {@code expectedVersion}
     * (0 for a new stream). Fails with an {@link EventStoreException} and writes nothing otherwise.
     */
    public Uni<AppendResult> append(String aggregateType, UUID aggregateId, int expectedVersion,
            List<NewEvent> events, EventMetadata metadata) {
        try {
            validate(aggregateType, aggregateId, expectedVersion, events, metadata);
        } catch (EventStoreException refused) {
            return Uni.createFrom().failure(refused);
        }
        long started = System.nanoTime();
        return personalData.protect(metadata.tenantId(), events)
                .chain(sealed -> batcher.submit(
                        new AppendBatcher.PendingAppend(aggregateType, aggregateId, expectedVersion, sealed, metadata)))
                .invoke(result -> { if (!result.replayed()) notifier.appended(aggregateType); })
                .onItemOrFailure().invoke((result, failure) -> timings.record(aggregateType, "grouped",
                        AppendTimings.outcome(result, failure), System.nanoTime() - started));
    }

    /**
     * Appends inside the caller's transaction, so that the events and the caller's own writes (a stock
     * level, a saga's state) commit or roll back together: the events table is the outbox, and this is how
     * a service changes its tables and publishes without a dual write. One statement (the checked append);
     * no group commit, since the transaction is the caller's. Losing a race at the unique index aborts the
     * caller's transaction, so it is reported as a {@link ConcurrencyConflict}: roll back and retry.
     */
    public Uni<AppendResult> appendWithin(SqlConnection transaction, String aggregateType, UUID aggregateId,
            int expectedVersion, List<NewEvent> events, EventMetadata metadata) {
        try {
            validate(aggregateType, aggregateId, expectedVersion, events, metadata);
        } catch (EventStoreException refused) {
            return Uni.createFrom().failure(refused);
        }
        long started = System.nanoTime();
        return personalData.protect(transaction, metadata.tenantId(), events)
                .chain(sealed -> transaction.preparedQuery(APPEND_CHECKED)
                        .execute(arguments(aggregateType, aggregateId, expectedVersion, sealed, metadata)))
                .map(rows -> outcome(rows.iterator().next(), aggregateType, aggregateId, expectedVersion))
                .onFailure(EventStore::lostVersionRace)
                .transform(race -> new ConcurrencyConflict(aggregateId, expectedVersion, null))
                .invoke(result -> { if (!result.replayed()) notifyOnCommit(transaction, aggregateType); })
                .onItemOrFailure().invoke((result, failure) -> timings.record(aggregateType, "within",
                        AppendTimings.outcome(result, failure), System.nanoTime() - started));
    }

    /**
     * Subscriptions are woken once the caller's transaction has committed, not when the append statement
     * returned: a NOTIFY sent in between (a busy transaction's remaining
     * statements and COMMIT often take longer) woke readers that could not see the event yet, and they then
     * slept until their next poll. A rollback wakes nobody.
     */
    private void notifyOnCommit(SqlConnection transaction, String aggregateType) {
        Transaction current = transaction.transaction();
        if (current == null) {
            notifier.appended(aggregateType);
            return;
        }
        current.completion().subscribe().with(committed -> notifier.appended(aggregateType), rolledBack -> { });
    }

    /** One append on its own: the fast path, and the checked path when that did not insert. */
    private Uni<AppendResult> appendAlone(String aggregateType, UUID aggregateId, int expectedVersion,
            List<NewEvent> sealed, EventMetadata metadata) {
        Tuple args = arguments(aggregateType, aggregateId, expectedVersion, sealed, metadata);
        return pool.preparedQuery(TRY_APPEND).execute(args)
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getInteger("appended") == sealed.size()) {
                        return Uni.createFrom().item(new AppendResult(aggregateId, expectedVersion + sealed.size(),
                                row.getLong("first_position"), row.getLong("last_position"), false));
                    }
                    // Not the happy path: the checked append says why (or appends, if it can).
                    return appendChecked(aggregateType, aggregateId, expectedVersion, args);
                })
                // Lost a race at the unique index: the checked append tells a retry (replayed) from a real
                // conflict, with the version now found.
                .onFailure(EventStore::lostVersionRace)
                .recoverWithUni(() -> appendChecked(aggregateType, aggregateId, expectedVersion, args));
    }

    private Uni<AppendResult> appendChecked(String aggregateType, UUID aggregateId, int expectedVersion, Tuple args) {
        return pool.preparedQuery(APPEND_CHECKED).execute(args)
                .map(rows -> outcome(rows.iterator().next(), aggregateType, aggregateId, expectedVersion));
    }

    private static Tuple arguments(String aggregateType, UUID aggregateId, int expectedVersion, List<NewEvent> events,
            EventMetadata metadata) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemas = new Integer[n];
        JsonObject[] data = new JsonObject[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            ids[i] = e.eventId();
            types[i] = e.eventType();
            schemas[i] = e.schemaVersion();
            data[i] = e.data();
        }
        return Tuple.tuple()
                .addUUID(metadata.tenantId()).addString(aggregateType).addUUID(aggregateId).addInteger(expectedVersion)
                .addArrayOfUUID(ids).addArrayOfString(types).addArrayOfInteger(schemas).addArrayOfJsonObject(data)
                .addJsonObject(metadata.toJson());
    }

    private static AppendResult outcome(Row row, String type, UUID aggregateId, int expected) {
        String outcome = row.getString("outcome");
        return switch (outcome) {
            case "appended", "replayed" -> new AppendResult(aggregateId, row.getInteger("stream_version"),
                    row.getLong("first_position"), row.getLong("last_position"), outcome.equals("replayed"));
            case "conflict" -> throw new ConcurrencyConflict(aggregateId, expected, row.getInteger("stream_version"));
            case "stream_not_found" -> throw new StreamNotFound(aggregateId);
            case "wrong_type" -> throw new WrongAggregateType(aggregateId, type);
            case "deleted" -> throw new StreamDeleted(aggregateId);
            default -> throw new IllegalStateException("unknown append outcome " + outcome);
        };
    }

    private static boolean lostVersionRace(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** The whole stream from the start, ignoring snapshots. */
    public Uni<LoadedStream> load(UUID tenantId, UUID aggregateId) {
        return read(tenantId, aggregateId, 0, false);
    }

    /**
     * The whole stream if it is one of {@code aggregateType}'s, else none (version 0, no events), as if it did
     * not exist. Ids come from URLs: a client that names a product's id where a payment's belongs must get "not
     * found", not another aggregate's events to decode (a refund aimed at a product id would answer 500).
     */
    public Uni<LoadedStream> load(UUID tenantId, String aggregateType, UUID aggregateId) {
        return load(tenantId, aggregateId).map(stream -> stream.exists() && !aggregateType.equals(stream.aggregateType())
                ? new LoadedStream(aggregateId, null, Optional.empty(), List.of(), 0)
                : stream);
    }

    /** The stream from its latest snapshot (if any) on: what an aggregate needs to rebuild its state. */
    public Uni<LoadedStream> loadFromSnapshot(UUID tenantId, UUID aggregateId) {
        return read(tenantId, aggregateId, 0, true);
    }

    /** The events after {@code fromVersion}. */
    public Uni<LoadedStream> loadAfter(UUID tenantId, UUID aggregateId, int fromVersion) {
        return read(tenantId, aggregateId, fromVersion, false);
    }

    private Uni<LoadedStream> read(UUID tenantId, UUID aggregateId, int fromVersion, boolean useSnapshot) {
        if (tenantId == null || aggregateId == null || fromVersion < 0) {
            return Uni.createFrom().failure(new InvalidAppend(tenantId == null ? "tenantId"
                    : aggregateId == null ? "aggregateId" : "fromVersion", "missing or negative"));
        }
        return pool.preparedQuery(READ).execute(Tuple.of(tenantId, aggregateId, fromVersion, useSnapshot))
                .map(rows -> toStream(tenantId, aggregateId, fromVersion, rows))
                // Decrypt first: upcasters see the payload as it was written, personal fields included.
                .chain(stream -> personalData.reveal(stream.events())
                        .map(events -> new LoadedStream(stream.aggregateId(), stream.aggregateType(),
                                stream.snapshot(), events.stream().map(upcasters::upcast).toList(),
                                stream.version())));
    }

    private LoadedStream toStream(UUID tenantId, UUID aggregateId, int fromVersion, RowSet<Row> rows) {
        Optional<Snapshot> snapshot = Optional.empty();
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        String type = null;
        int version = fromVersion;
        for (Row row : rows) {
            type = row.getString("aggregate_type");
            if ("snapshot".equals(row.getString("record_kind"))) {
                snapshot = Optional.of(new Snapshot(row.getInteger("version"), row.getInteger("schema_version"),
                        new JsonObject(row.getString("data"))));
                version = row.getInteger("version");
                continue;
            }
            // read_stream only returns the tenant's own stream (RLS), so the event's tenant is the caller's.
            RecordedEvent event = RecordedEvent.stored(row.getUUID("event_id"), aggregateId, type,
                    row.getString("event_type"), row.getInteger("version"), row.getInteger("schema_version"),
                    row.getString("data"), row.getString("metadata"), tenantId,
                    row.getLong("event_position"), row.getLong("transaction_id"), row.getOffsetDateTime("created_at"));
            events.add(event);
            version = event.version();
        }
        return new LoadedStream(aggregateId, type, snapshot, events, version);
    }

    /** Stores a snapshot of the state at {@code version}; an older one never replaces a newer one. */
    public Uni<Boolean> saveSnapshot(UUID tenantId, String aggregateType, UUID aggregateId, Snapshot snapshot) {
        return pool.preparedQuery("SELECT event_store.save_snapshot($1, $2, $3, $4, $5, $6) AS saved")
                .execute(Tuple.tuple().addUUID(tenantId).addUUID(aggregateId).addString(aggregateType)
                        .addInteger(snapshot.version()).addInteger(snapshot.schemaVersion())
                        .addJsonObject(snapshot.data()))
                .map(rows -> rows.iterator().next().getBoolean("saved"));
    }

    /** Whether the policy for this stream's type asks for a new snapshot after this load. */
    public boolean snapshotDue(LoadedStream stream) {
        Integer every = options.snapshotEvery().get(stream.aggregateType());
        return every != null && stream.events().size() >= every;
    }

    private void validate(String aggregateType, UUID aggregateId, int expectedVersion, List<NewEvent> events,
            EventMetadata metadata) {
        if (metadata == null || metadata.tenantId() == null) throw new InvalidAppend("tenantId", "is required");
        if (aggregateType == null || aggregateType.isBlank()) throw new InvalidAppend("aggregateType", "is required");
        if (!options.aggregateTypes().contains(aggregateType)) throw new UnknownAggregateType(aggregateType);
        if (aggregateId == null) throw new InvalidAppend("aggregateId", "is required");
        if (expectedVersion < 0) throw new InvalidAppend("expectedVersion", "must be 0 (new stream) or more");
        if (events == null || events.isEmpty()) throw new InvalidAppend("events", "at least one event is required");
        if (events.size() > options.maxBatchSize()) {
            throw new InvalidAppend("events", "at most " + options.maxBatchSize() + " events per append");
        }
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            validate(events.get(i), "events[" + i + "]", ids);
        }
    }

    private void validate(NewEvent event, String field, Set<UUID> ids) {
        if (event == null) throw new InvalidAppend(field, "is null");
        if (event.eventId() == null) throw new InvalidAppend(field + ".eventId", "is required");
        if (!ids.add(event.eventId())) throw new InvalidAppend(field + ".eventId", "appears twice in one append");
        if (event.eventType() == null || event.eventType().isBlank() || event.eventType().length() > 100) {
            throw new InvalidAppend(field + ".eventType", "is required, at most 100 characters");
        }
        if (event.schemaVersion() < 1) throw new InvalidAppend(field + ".schemaVersion", "must be 1 or more");
        if (event.data() == null) throw new InvalidAppend(field + ".data", "is required");
        if (event.personalData() == null) throw new InvalidAppend(field + ".personalData", "use PersonalData.NONE");
        int bytes = event.data().encode().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > options.maxEventBytes()) {
            throw new InvalidAppend(field + ".data", bytes + " bytes exceeds the limit of " + options.maxEventBytes());
        }
    }
}

package io.cloudlab.eventstore;

import io.vertx.mutiny.sqlclient.Row;

/** Maps the rows of event_store.read_committed to events. */
public final class EventRows {

    /**
     * The select list every reader of read_committed uses: transaction ids come back as bigint, payload and
     * metadata as JSON text (parsed only if a reader looks inside, see {@link RecordedEvent}). Columns are read
     * by position below: looking them up by name costs a catch-up a large share of its CPU (docs/performance.md).
     */
    public static final String READ_COMMITTED_COLUMNS =
            "transaction_id::text::bigint AS transaction_id, event_position, event_id, aggregate_id, aggregate_type,"
                    + " event_type, event_version, schema_version, event_data::text AS event_data,"
                    + " metadata::text AS metadata, tenant_id, created_at";

    private EventRows() {}

    public static RecordedEvent fromReadCommitted(Row row) {
        return RecordedEvent.stored(
                row.getUUID(2),
                row.getUUID(3),
                row.getString(4),
                row.getString(5),
                row.getInteger(6),
                row.getInteger(7),
                row.getString(8),
                row.getString(9),
                row.getUUID(10),
                row.getLong(1),
                row.getLong(0),
                row.getOffsetDateTime(11));
    }
}

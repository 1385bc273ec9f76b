package io.cloudlab.eventstore;

import io.vertx.mutiny.sqlclient.Row;

/** Maps the rows of event_store.read_committed to events. */
public final class EventRows {

    /** The select list every reader of read_committed uses: transaction ids come back as bigint. */
    public static final String READ_COMMITTED_COLUMNS =
            "transaction_id::text::bigint AS transaction_id, event_position, event_id, aggregate_id, aggregate_type,"
                    + " event_type, event_version, schema_version, event_data, metadata, tenant_id, created_at";

    private EventRows() {}

    public static RecordedEvent fromReadCommitted(Row row) {
        return new RecordedEvent(
                row.getUUID("event_id"),
                row.getUUID("aggregate_id"),
                row.getString("aggregate_type"),
                row.getString("event_type"),
                row.getInteger("event_version"),
                row.getInteger("schema_version"),
                row.getJsonObject("event_data"),
                row.getJsonObject("metadata"),
                row.getUUID("tenant_id"),
                row.getLong("event_position"),
                row.getLong("transaction_id"),
                row.getOffsetDateTime("created_at"));
    }
}

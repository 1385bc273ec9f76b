-- Subscriptions deliver in (transaction_id, position) order. V2 assumed that keeps each stream's order
-- because "a later append to a stream is a later transaction". It is not: a transaction takes its id at
-- its first write, not at commit. A command that first writes something else (an inbox row, a stock row it
-- locks) and only then appends can hold an older id than the append that committed before it, so a stream's
-- version 9 was delivered before its version 8 (seen in inventory-service's test database: v8 in transaction
-- 4648430, v9 in 4648429). Projections then meet a gap, and the relay publishes the stream out of order.
--
-- The fix keeps the read as it is and changes what an append records as its event's transaction_id: the
-- greater of its own id and the id recorded on the stream's previous event. Within a stream the recorded ids
-- then never decrease, and where two are equal the later append has the later position (it took its
-- position after the earlier one committed), so (transaction_id, position) order is stream order.
--
-- Why a reader still never skips: a subscription reads only rows whose recorded id is below the oldest
-- running transaction (xmin). The recorded id is never below the writer's own id, so a writer that has not
-- finished (own id >= xmin) always records an id >= xmin: nothing can appear later below a position a
-- reader has passed. Why a reader never reads uncommitted rows: recorded id < xmin implies own id < xmin,
-- so the writer has ended. The cost is the previous event's id, read from the index the version check
-- already reads (the stream's last event), instead of max(event_version).

CREATE OR REPLACE FUNCTION event_store.try_append(
    p_tenant_id        UUID,
    p_aggregate_type   TEXT,
    p_aggregate_id     UUID,
    p_expected_version INTEGER,
    p_event_ids        UUID[],
    p_event_types      TEXT[],
    p_schema_versions  INTEGER[],
    p_event_data       JSONB[],
    p_metadata         JSONB)
    RETURNS TABLE (appended INTEGER, first_position BIGINT, last_position BIGINT)
    LANGUAGE plpgsql SECURITY DEFINER
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH created AS (
        INSERT INTO event_store.streams (aggregate_id, aggregate_type, tenant_id)
        SELECT p_aggregate_id, p_aggregate_type, p_tenant_id WHERE p_expected_version = 0
        ON CONFLICT (aggregate_id) DO NOTHING
        RETURNING created_at
    ), existing AS (
        SELECT s.created_at, last.transaction_id AS previous_transaction_id
        FROM event_store.streams s
        CROSS JOIN LATERAL (SELECT e.event_version, e.transaction_id FROM event_store.events e
                            WHERE e.aggregate_id = p_aggregate_id AND e.stream_created_at = s.created_at
                            ORDER BY e.event_version DESC LIMIT 1) last
        WHERE p_expected_version > 0 AND s.aggregate_id = p_aggregate_id AND s.tenant_id = p_tenant_id
          AND s.aggregate_type = p_aggregate_type AND s.deleted_at IS NULL
          AND last.event_version = p_expected_version
    ), target AS (
        SELECT created_at, '0'::xid8 AS previous_transaction_id FROM created
        UNION ALL SELECT created_at, previous_transaction_id FROM existing
    ), inserted AS (
        INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,
                                        schema_version, event_data, metadata, tenant_id, stream_created_at,
                                        transaction_id)
        SELECT e.event_id, p_aggregate_id, p_aggregate_type, e.event_type, p_expected_version + e.n::INTEGER,
               e.schema_version, e.event_data, p_metadata, p_tenant_id, t.created_at,
               greatest(pg_current_xact_id(), t.previous_transaction_id)
        FROM target t,
             unnest(p_event_ids, p_event_types, p_schema_versions, p_event_data)
                 WITH ORDINALITY AS e(event_id, event_type, schema_version, event_data, n)
        RETURNING position
    )
    SELECT count(*)::INTEGER, min(i.position), max(i.position) FROM inserted i;
END
$$;

CREATE OR REPLACE FUNCTION event_store.try_append_batch(
    p_tenant_ids       UUID[],
    p_aggregate_types  TEXT[],
    p_aggregate_ids    UUID[],
    p_expected         INTEGER[],
    p_event_counts     INTEGER[],
    p_metadata         JSONB[],
    p_event_ids        UUID[],
    p_event_types      TEXT[],
    p_schema_versions  INTEGER[],
    p_event_data       JSONB[])
    RETURNS TABLE (append_index INTEGER, appended INTEGER, first_position BIGINT, last_position BIGINT)
    LANGUAGE plpgsql SECURITY DEFINER
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH appends AS (
        SELECT a.*, (sum(a.event_count) OVER (ORDER BY a.idx) - a.event_count)::INTEGER AS events_before
        FROM unnest(p_tenant_ids, p_aggregate_types, p_aggregate_ids, p_expected, p_event_counts, p_metadata)
             WITH ORDINALITY AS a(tenant_id, aggregate_type, aggregate_id, expected, event_count, metadata, idx)
    ), created AS (
        INSERT INTO event_store.streams (aggregate_id, aggregate_type, tenant_id)
        SELECT a.aggregate_id, a.aggregate_type, a.tenant_id FROM appends a WHERE a.expected = 0
        ON CONFLICT (aggregate_id) DO NOTHING
        RETURNING aggregate_id, created_at
    ), existing AS (
        SELECT a.idx, s.created_at, last.transaction_id AS previous_transaction_id
        FROM appends a
        JOIN event_store.streams s ON s.aggregate_id = a.aggregate_id
        CROSS JOIN LATERAL (SELECT e.event_version, e.transaction_id FROM event_store.events e
                            WHERE e.aggregate_id = a.aggregate_id AND e.stream_created_at = s.created_at
                            ORDER BY e.event_version DESC LIMIT 1) last
        WHERE a.expected > 0 AND s.tenant_id = a.tenant_id AND s.aggregate_type = a.aggregate_type
          AND s.deleted_at IS NULL AND last.event_version = a.expected
    ), target AS (
        SELECT a.idx, c.created_at, '0'::xid8 AS previous_transaction_id
        FROM appends a JOIN created c ON c.aggregate_id = a.aggregate_id
        UNION ALL
        SELECT x.idx, x.created_at, x.previous_transaction_id FROM existing x
    ), events AS (
        SELECT * FROM unnest(p_event_ids, p_event_types, p_schema_versions, p_event_data)
                      WITH ORDINALITY AS e(event_id, event_type, schema_version, event_data, n)
    ), inserted AS (
        INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,
                                        schema_version, event_data, metadata, tenant_id, stream_created_at,
                                        transaction_id)
        SELECT e.event_id, a.aggregate_id, a.aggregate_type, e.event_type,
               a.expected + (e.n - a.events_before)::INTEGER, e.schema_version, e.event_data, a.metadata,
               a.tenant_id, t.created_at, greatest(pg_current_xact_id(), t.previous_transaction_id)
        FROM target t
        JOIN appends a ON a.idx = t.idx
        JOIN events e ON e.n > a.events_before AND e.n <= a.events_before + a.event_count
        ORDER BY a.idx, e.n
        RETURNING aggregate_id, position
    )
    SELECT a.idx::INTEGER, count(i.position)::INTEGER, min(i.position), max(i.position)
    FROM appends a
    LEFT JOIN inserted i ON i.aggregate_id = a.aggregate_id
    GROUP BY a.idx
    ORDER BY a.idx;
END
$$;

COMMENT ON COLUMN event_store.events.transaction_id IS
    'The greater of the appending transaction''s id and the one recorded on the stream''s previous event: with position, the order subscriptions deliver in, which is each stream''s order (V8)';

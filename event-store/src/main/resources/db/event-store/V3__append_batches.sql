-- Group commit: several appends, to different streams, in one statement and one transaction.
--
-- Measured (docs/event-store.md): an append costs PostgreSQL about twice a plain one-row INSERT, almost
-- all of it per statement (function call, CTEs, commit), not per row. When appends arrive faster than
-- the database answers, the store sends the ones waiting together through this function: one statement,
-- one commit, for all of them. Each append is still all-or-nothing and checked on its own: an append
-- whose stream is not at its expected version inserts nothing (appended = 0) and the caller settles it
-- through the checked path, while the others commit. The caller never puts two appends to one stream in
-- one batch. A lost race at the unique index fails the whole statement; the caller then retries each
-- append on its own, so nothing is lost and nothing is written twice.
CREATE FUNCTION event_store.try_append_batch(
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
        SELECT a.idx, s.created_at
        FROM appends a
        JOIN event_store.streams s ON s.aggregate_id = a.aggregate_id
        WHERE a.expected > 0 AND s.tenant_id = a.tenant_id AND s.aggregate_type = a.aggregate_type
          AND s.deleted_at IS NULL
          AND (SELECT max(e.event_version) FROM event_store.events e
               WHERE e.aggregate_id = a.aggregate_id AND e.stream_created_at = s.created_at) = a.expected
    ), target AS (
        SELECT a.idx, c.created_at FROM appends a JOIN created c ON c.aggregate_id = a.aggregate_id
        UNION ALL
        SELECT x.idx, x.created_at FROM existing x
    ), events AS (
        SELECT * FROM unnest(p_event_ids, p_event_types, p_schema_versions, p_event_data)
                      WITH ORDINALITY AS e(event_id, event_type, schema_version, event_data, n)
    ), inserted AS (
        INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,
                                        schema_version, event_data, metadata, tenant_id, stream_created_at)
        SELECT e.event_id, a.aggregate_id, a.aggregate_type, e.event_type,
               a.expected + (e.n - a.events_before)::INTEGER, e.schema_version, e.event_data, a.metadata,
               a.tenant_id, t.created_at
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
COMMENT ON FUNCTION event_store.try_append_batch IS
    'Group commit of appends to distinct streams: each inserts only if new (expected 0) or at its expected version';

REVOKE EXECUTE ON FUNCTION event_store.try_append_batch FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.try_append_batch TO application_readwrite;

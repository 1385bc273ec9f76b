-- The subscriptions' read, same query and same result as V2's, in PL/pgSQL so that each connection plans
-- it once.
--
-- Why: a SQL function that cannot be inlined (this one is SECURITY DEFINER, which forbids inlining) is
-- planned again on every call, and the plan across the events table's monthly partitions cost more than
-- running it: 0.38 ms of planning against 0.10 ms of execution for a read that found nothing
-- (EXPLAIN ANALYZE), ~0.54 ms per call in pg_stat_statements. Subscriptions read several hundred times a
-- second (every wake, every recheck), so those plans were the largest item of PostgreSQL's time during
-- deploy/load/run. PL/pgSQL keeps the statement's plan for the session (each subscription holds its
-- connection for life).
CREATE OR REPLACE FUNCTION event_store.read_committed(
    p_after_transaction_id XID8,
    p_after_position       BIGINT,
    p_limit                INTEGER,
    p_aggregate_types      TEXT[],
    p_event_types          TEXT[])
    RETURNS TABLE (transaction_id XID8, event_position BIGINT, event_id UUID, aggregate_id UUID, aggregate_type TEXT,
                   event_type TEXT, event_version INTEGER, schema_version INTEGER, event_data JSONB,
                   metadata JSONB, tenant_id UUID, created_at TIMESTAMPTZ)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT e.transaction_id, e.position, e.event_id, e.aggregate_id, e.aggregate_type::TEXT, e.event_type::TEXT,
           e.event_version, e.schema_version, e.event_data, e.metadata, e.tenant_id, e.created_at
    FROM event_store.events e
    WHERE (e.transaction_id, e.position) > (p_after_transaction_id, p_after_position)
      AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND (p_aggregate_types IS NULL OR e.aggregate_type = ANY (p_aggregate_types))
      AND (p_event_types IS NULL OR e.event_type = ANY (p_event_types))
    ORDER BY e.transaction_id, e.position
    LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION event_store.read_committed IS
    'Gap-free subscription read across tenants: committed events after a (transaction_id, position) checkpoint, in that order (PL/pgSQL: planned once per session, V10)';

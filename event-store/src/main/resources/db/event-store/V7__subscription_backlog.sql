-- What a subscription still has to handle: how many events and since when, for lag gauges and readiness.
-- Counting is capped: past the cap the exact figure no longer changes what anyone does, and an uncapped
-- count over a projection rebuilding from the start would scan the whole store every few seconds.
CREATE FUNCTION event_store.subscription_backlog(
    p_after_transaction_id XID8,
    p_after_position       BIGINT,
    p_aggregate_types      TEXT[],
    p_cap                  INTEGER)
    RETURNS TABLE (events BIGINT, oldest_created_at TIMESTAMPTZ)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*), min(b.created_at)
    FROM (SELECT e.created_at FROM event_store.events e
          WHERE (e.transaction_id, e.position) > (p_after_transaction_id, p_after_position)
            AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND (p_aggregate_types IS NULL OR e.aggregate_type = ANY (p_aggregate_types))
          ORDER BY e.transaction_id, e.position
          LIMIT p_cap) b
$$;
COMMENT ON FUNCTION event_store.subscription_backlog IS
    'Committed events after a (transaction_id, position) checkpoint, counted up to p_cap, and the oldest one''s time';
GRANT EXECUTE ON FUNCTION event_store.subscription_backlog TO application_readwrite;

-- Seed 001's database health checks ("Monitoring and Observability") and seed 000's alert thresholds, as one
-- function every service can call (GET /admin/database, and the cloudlab_database_check gauges).
--
-- SECURITY DEFINER: the services' roles may not read other sessions' rows of pg_stat_activity nor
-- pg_stat_statements; the owner (cloudlab_owner) is a member of pg_monitor (deploy/local/postgres/roles.sql),
-- and this function shows them figures, never query texts or user names.
CREATE OR REPLACE FUNCTION event_store.database_health()
RETURNS TABLE (check_name TEXT, status TEXT, value NUMERIC, threshold NUMERIC, message TEXT)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_max         NUMERIC := current_setting('max_connections')::NUMERIC;
    v_used        NUMERIC;
    v_long        NUMERIC;
    v_longest     NUMERIC;
    v_blocked     NUMERIC;
    v_oldest      NUMERIC;
    v_lag         NUMERIC;
    v_slow        NUMERIC := 0;
    v_review      NUMERIC := 0;
BEGIN
    RETURN QUERY SELECT 'connectivity'::TEXT, 'OK'::TEXT, 1::NUMERIC, NULL::NUMERIC, 'the database answers'::TEXT;

    -- Seed 000: alert when connections pass 80% of max_connections.
    SELECT count(*) INTO v_used FROM pg_stat_activity WHERE backend_type = 'client backend';
    RETURN QUERY SELECT 'connections', CASE WHEN v_used > 0.8 * v_max THEN 'WARNING' ELSE 'OK' END,
        round(100 * v_used / v_max, 1), 80::NUMERIC,
        format('%s of %s connections in use (percent)', v_used, v_max);

    -- Seed 001: queries active for more than 5 minutes.
    SELECT count(*) FILTER (WHERE now() - query_start > INTERVAL '5 minutes'),
           coalesce(max(extract(epoch FROM now() - query_start)), 0)
    INTO v_long, v_longest
    FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid();
    RETURN QUERY SELECT 'long_running_queries', CASE WHEN v_long > 0 THEN 'WARNING' ELSE 'OK' END, v_long, 0::NUMERIC,
        format('%s queries active for over 5 minutes; the longest active query has run %s s', v_long, round(v_longest, 1));

    -- Seed 001: sessions waiting for a lock another session holds.
    SELECT count(*) INTO v_blocked FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;
    RETURN QUERY SELECT 'blocked_sessions', CASE WHEN v_blocked > 0 THEN 'WARNING' ELSE 'OK' END, v_blocked, 0::NUMERIC,
        format('%s sessions wait for a lock held by another', v_blocked);

    -- The event store's own concern: every subscription (outbox relays, projections) reads only below the oldest
    -- running transaction of the whole cluster, so one held open stops delivery everywhere (docs/event-store.md).
    SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0) INTO v_oldest
    FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid();
    RETURN QUERY SELECT 'oldest_transaction_seconds', CASE WHEN v_oldest > 30 THEN 'WARNING' ELSE 'OK' END,
        round(v_oldest, 1), 30::NUMERIC,
        format('the oldest transaction holding an id has been open %s s; subscriptions deliver nothing newer meanwhile', round(v_oldest, 1));

    -- Seed 001's slow_queries view (mean over 1 s) and seed 000's "over 100 ms reviewed", this database only.
    IF to_regclass('public.pg_stat_statements') IS NOT NULL THEN
        EXECUTE 'SELECT count(*) FILTER (WHERE mean_exec_time > 1000), count(*) FILTER (WHERE mean_exec_time > 100)
                 FROM public.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                 WHERE d.datname = current_database()' INTO v_slow, v_review;
        RETURN QUERY SELECT 'slow_statements', CASE WHEN v_slow > 0 THEN 'WARNING' ELSE 'OK' END, v_slow, 0::NUMERIC,
            format('%s statements average over 1 s; %s over 100 ms (review them in pg_stat_statements)', v_slow, v_review);
    ELSE
        RETURN QUERY SELECT 'slow_statements', 'UNKNOWN'::TEXT, NULL::NUMERIC, 0::NUMERIC,
            'pg_stat_statements is not installed in this database'::TEXT;
    END IF;

    -- Seed 000: replication lag over 30 s (no rows without replicas).
    SELECT max(extract(epoch FROM replay_lag)) INTO v_lag FROM pg_stat_replication;
    RETURN QUERY SELECT 'replication_lag_seconds', CASE WHEN coalesce(v_lag, 0) > 30 THEN 'WARNING' ELSE 'OK' END,
        coalesce(round(v_lag, 1), 0), 30::NUMERIC,
        CASE WHEN v_lag IS NULL THEN 'no streaming replicas' ELSE format('replicas replay %s s behind', round(v_lag, 1)) END;

    -- Seed 000's disk alert (85%) needs the volume's size, which SQL cannot see: the database's size is reported
    -- here and the alert lives with the volume's metrics (deploy/k8s PrometheusRule).
    RETURN QUERY SELECT 'database_size_bytes', 'OK'::TEXT, pg_database_size(current_database())::NUMERIC, NULL::NUMERIC,
        pg_size_pretty(pg_database_size(current_database()));
END;
$$;

COMMENT ON FUNCTION event_store.database_health() IS
    'Seed 001 health checks with seed 000 thresholds: connections, long-running queries, blocked sessions, oldest transaction, slow statements, replication lag, size';
REVOKE ALL ON FUNCTION event_store.database_health() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.database_health() TO application_readwrite, application_readonly;

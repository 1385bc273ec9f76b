-- Hygiene of the functions services call.
--
-- Every SECURITY DEFINER function runs with a pinned search_path: with the caller's path, an operator or
-- function the caller could define would run with the owner's rights. The append paths went without one for
-- speed (a SET clause costs a settings save and restore per call); docs/performance.md has what pinning costs.
ALTER FUNCTION event_store.try_append(UUID, TEXT, UUID, INTEGER, UUID[], TEXT[], INTEGER[], JSONB[], JSONB)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION event_store.try_append_batch SET search_path = pg_catalog, pg_temp;
-- pg_stat_statements is named with its schema inside; public need not be on the path.
ALTER FUNCTION event_store.database_health() SET search_path = pg_catalog, pg_temp;

-- Functions are executable by PUBLIC unless revoked, and several added after the first grants were. Only the
-- services' group role may call the store's functions; and the owner's future functions start with no grant.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA event_store FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE cloudlab_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Retention floors, enforced where the deleting happens: a service may run its maintenance, but no argument
-- makes it delete what the seeds keep. Event partitions are detached no sooner than 7 years (seed 001, order
-- and payment events); inbox rows live past the topics' 7-day retention (a purged row lets a redelivered
-- message apply twice); idempotency keys live their promised day.
CREATE OR REPLACE FUNCTION event_store.purge_processed_messages(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT;
BEGIN
    IF p_older_than IS NULL OR p_older_than < INTERVAL '7 days' THEN
        RAISE EXCEPTION 'inbox rows are kept at least 7 days (the topics'' retention), not %', p_older_than
            USING ERRCODE = '22023';
    END IF;
    WITH purged AS (DELETE FROM event_store.processed_messages WHERE processed_at < now() - p_older_than RETURNING 1)
    SELECT count(*) INTO v_purged FROM purged;
    RETURN v_purged;
END
$$;

CREATE OR REPLACE FUNCTION event_store.purge_idempotency_keys(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT;
BEGIN
    IF p_older_than IS NULL OR p_older_than < INTERVAL '1 day' THEN
        RAISE EXCEPTION 'idempotency keys are kept at least a day, not %', p_older_than USING ERRCODE = '22023';
    END IF;
    WITH purged AS (DELETE FROM event_store.idempotency_keys WHERE created_at < now() - p_older_than RETURNING 1)
    SELECT count(*) INTO v_purged FROM purged;
    RETURN v_purged;
END
$$;

CREATE OR REPLACE FUNCTION event_store.detach_expired_partitions(p_retention INTERVAL)
    RETURNS SETOF TEXT
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_part  RECORD;
    v_month DATE;
BEGIN
    IF p_retention IS NULL OR p_retention < INTERVAL '7 years' THEN
        RAISE EXCEPTION 'events are kept at least 7 years (seed 001), not %', p_retention USING ERRCODE = '22023';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('event_store.partitions'));
    FOR v_part IN
        SELECT c.relname AS name
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent = 'event_store.events'::regclass AND n.nspname = 'event_store'
          AND c.relname ~ '^events_[0-9]{4}_[0-9]{2}$'
        ORDER BY c.relname
    LOOP
        v_month := to_date(substr(v_part.name, 8), 'YYYY_MM');
        IF (v_month + INTERVAL '1 month')::TIMESTAMP AT TIME ZONE 'UTC' <= now() - p_retention THEN
            EXECUTE format('ALTER TABLE event_store.events DETACH PARTITION event_store.%I', v_part.name);
            EXECUTE format('ALTER TABLE event_store.%I SET SCHEMA event_store_archive', v_part.name);
            UPDATE event_store.streams
            SET archived_at = now(), updated_at = now()
            WHERE created_at >= v_month::TIMESTAMP AT TIME ZONE 'UTC'
              AND created_at < (v_month + INTERVAL '1 month')::TIMESTAMP AT TIME ZONE 'UTC'
              AND archived_at IS NULL;
            INSERT INTO event_store.partition_maintenance_log (action, partition_name, detail)
            VALUES ('detached', v_part.name, format('retention %s; moved to event_store_archive', p_retention));
            RETURN NEXT v_part.name;
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION event_store.detach_expired_partitions(INTERVAL) IS
    'Detaches monthly partitions older than the retention (at least 7 years) into event_store_archive';

REVOKE EXECUTE ON FUNCTION event_store.purge_processed_messages(INTERVAL), event_store.purge_idempotency_keys(INTERVAL),
    event_store.detach_expired_partitions(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.purge_processed_messages(INTERVAL), event_store.purge_idempotency_keys(INTERVAL),
    event_store.detach_expired_partitions(INTERVAL) TO application_readwrite;

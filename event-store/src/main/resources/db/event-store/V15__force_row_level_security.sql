-- Row-level security binds the tables' owner too (FORCE): the owner's sessions and every function it owns
-- see only the tenant their transaction entered, so a definer function that forgets its tenant reads
-- nothing rather than everything. What must work across tenants (the append path, which takes several
-- tenants' streams in one statement; the change feed; key rotation; purges) is owned by cloudlab_platform,
-- a NOLOGIN role with BYPASSRLS (deploy/local/postgres/roles.sql). Which functions those are is visible in
-- the catalogue (their owner), and deploy/system/privileges.allowed lists them.

-- The platform role reads every tenant's rows; it writes only what its functions write. CREATE only while
-- the functions change owner (the new owner must be able to create in the schema); they keep their owner
-- after it is revoked.
GRANT USAGE, CREATE ON SCHEMA event_store TO cloudlab_platform;
GRANT SELECT ON ALL TABLES IN SCHEMA event_store TO cloudlab_platform;
ALTER DEFAULT PRIVILEGES FOR ROLE cloudlab_owner IN SCHEMA event_store GRANT SELECT ON TABLES TO cloudlab_platform;
GRANT INSERT ON event_store.streams, event_store.events TO cloudlab_platform;
GRANT USAGE ON SEQUENCE event_store.events_position_seq TO cloudlab_platform;
GRANT UPDATE (archived_at, updated_at) ON event_store.streams TO cloudlab_platform;
GRANT UPDATE (key_material, kek_id, updated_at) ON event_store.subject_keys TO cloudlab_platform;
GRANT DELETE ON event_store.idempotency_keys TO cloudlab_platform;

-- Detaching a partition is DDL, the owner's; marking the detached month's streams archived crosses tenants.
CREATE FUNCTION event_store.mark_streams_archived(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS BIGINT
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH marked AS (
        UPDATE event_store.streams SET archived_at = now(), updated_at = now()
        WHERE created_at >= p_from AND created_at < p_to AND archived_at IS NULL
        RETURNING 1)
    SELECT count(*) FROM marked
$$;
COMMENT ON FUNCTION event_store.mark_streams_archived(TIMESTAMPTZ, TIMESTAMPTZ) IS
    'Marks every tenant''s streams created in [p_from, p_to) archived (their partition was detached); the owner''s alone';
REVOKE EXECUTE ON FUNCTION event_store.mark_streams_archived(TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;

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
            PERFORM event_store.mark_streams_archived(v_month::TIMESTAMP AT TIME ZONE 'UTC',
                                                      (v_month + INTERVAL '1 month')::TIMESTAMP AT TIME ZONE 'UTC');
            INSERT INTO event_store.partition_maintenance_log (action, partition_name, detail)
            VALUES ('detached', v_part.name, format('retention %s; moved to event_store_archive', p_retention));
            RETURN NEXT v_part.name;
        END IF;
    END LOOP;
END
$$;

-- One tenant's subject keys: the owner's functions, under the tenant they name. Each gives the caller's
-- app.current_tenant_id back on return (an error aborts the caller's (sub)transaction, which restores it too).
CREATE OR REPLACE FUNCTION event_store.subject_key_for_write(p_tenant_id UUID, p_subject_id UUID, p_new_key BYTEA,
                                                             p_kek_id TEXT)
    RETURNS TABLE (key_material BYTEA, kek_id TEXT, erased BOOLEAN)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_caller TEXT := current_setting('app.current_tenant_id', true);
BEGIN
    PERFORM set_config('app.current_tenant_id', p_tenant_id::text, true);
    INSERT INTO event_store.subject_keys (tenant_id, subject_id, key_material, kek_id)
    VALUES (p_tenant_id, p_subject_id, p_new_key, p_kek_id)
    ON CONFLICT (tenant_id, subject_id) DO NOTHING;
    RETURN QUERY SELECT k.key_material, k.kek_id::TEXT, k.erased_at IS NOT NULL
                 FROM event_store.subject_keys k WHERE k.tenant_id = p_tenant_id AND k.subject_id = p_subject_id;
    PERFORM set_config('app.current_tenant_id', coalesce(v_caller, ''), true);
END
$$;

CREATE OR REPLACE FUNCTION event_store.erase_subject(p_tenant_id UUID, p_subject_id UUID)
    RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_caller TEXT := current_setting('app.current_tenant_id', true);
    v_found  BOOLEAN;
BEGIN
    PERFORM set_config('app.current_tenant_id', p_tenant_id::text, true);
    UPDATE event_store.subject_keys
    SET key_material = NULL, erased_at = coalesce(erased_at, now()), updated_at = now()
    WHERE subject_id = p_subject_id AND tenant_id = p_tenant_id;
    v_found := FOUND;
    PERFORM set_config('app.current_tenant_id', coalesce(v_caller, ''), true);
    RETURN v_found;
END
$$;

ALTER FUNCTION event_store.try_append(UUID, TEXT, UUID, INTEGER, UUID[], TEXT[], INTEGER[], JSONB[], JSONB)
    OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.try_append_batch(UUID[], TEXT[], UUID[], INTEGER[], INTEGER[], JSONB[], UUID[], TEXT[],
    INTEGER[], JSONB[]) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.read_committed(XID8, BIGINT, INTEGER, TEXT[], TEXT[]) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.committed_head() OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.subscription_backlog(XID8, BIGINT, TEXT[], INTEGER) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.subject_keys_for_read(UUID[], UUID[]) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.subject_keys_to_rewrap(TEXT, UUID, UUID, INTEGER) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.rewrap_subject_key(UUID, UUID, TEXT, BYTEA, TEXT) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.purge_idempotency_keys(INTERVAL) OWNER TO cloudlab_platform;
ALTER FUNCTION event_store.mark_streams_archived(TIMESTAMPTZ, TIMESTAMPTZ) OWNER TO cloudlab_platform;

REVOKE CREATE ON SCHEMA event_store FROM cloudlab_platform;

ALTER TABLE event_store.streams FORCE ROW LEVEL SECURITY;
ALTER TABLE event_store.events FORCE ROW LEVEL SECURITY;
ALTER TABLE event_store.snapshots FORCE ROW LEVEL SECURITY;
ALTER TABLE event_store.subject_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE event_store.idempotency_keys FORCE ROW LEVEL SECURITY;

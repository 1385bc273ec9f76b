-- Idempotency keys for the services' REST commands (the Idempotency-Key header). They live beside the
-- events because they guard appends: a command's event ids are derived from its key, so even a request
-- whose key row was never completed (the process died after the append) replays as the same events
-- (the store returns "replayed"), and this table only has to remember the first response and the body
-- it answered. Race-free by the primary key: two requests with one key cannot both claim it.

CREATE TABLE event_store.idempotency_keys (
    tenant_id       UUID         NOT NULL,
    scope           VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    response_status INTEGER,
    response_body   JSONB,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (tenant_id, scope, idempotency_key),
    CONSTRAINT chk_idempotency_keys_response CHECK ((response_status IS NULL) = (response_body IS NULL)),
    CONSTRAINT chk_idempotency_keys_status CHECK (response_status IS NULL OR response_status BETWEEN 200 AND 499)
);
CREATE INDEX idx_idempotency_keys_created_at ON event_store.idempotency_keys (created_at);

COMMENT ON TABLE event_store.idempotency_keys IS
    'One row per Idempotency-Key a client sent to a command endpoint: the request it guarded and the first response';
COMMENT ON COLUMN event_store.idempotency_keys.tenant_id IS 'Tenant of the caller (row-level security)';
COMMENT ON COLUMN event_store.idempotency_keys.scope IS
    'Service, endpoint and caller the key belongs to: one client''s key never collides with another''s';
COMMENT ON COLUMN event_store.idempotency_keys.idempotency_key IS 'The Idempotency-Key header as the client sent it';
COMMENT ON COLUMN event_store.idempotency_keys.request_hash IS
    'SHA-256 (hex) of the request as the endpoint understood it; the same key with another request is refused (422)';
COMMENT ON COLUMN event_store.idempotency_keys.response_status IS 'HTTP status of the first response; NULL while in progress';
COMMENT ON COLUMN event_store.idempotency_keys.response_body IS 'Body of the first response, returned again to retries';
COMMENT ON COLUMN event_store.idempotency_keys.locked_until IS
    'While in progress: until when the claiming request owns the key; after that a retry may take it over';
COMMENT ON COLUMN event_store.idempotency_keys.created_at IS 'When the key was first seen; keys expire a day later';
COMMENT ON COLUMN event_store.idempotency_keys.updated_at IS 'Last claim or completion';

ALTER TABLE event_store.idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON event_store.idempotency_keys
    USING (tenant_id = event_store.current_tenant()) WITH CHECK (tenant_id = event_store.current_tenant());

-- Claims a key in one round trip. Outcomes: 'claimed' (go ahead: new key, or an abandoned claim of the
-- same request whose lease ran out), 'completed' (return the stored response), 'mismatch' (the key was
-- used for another request), 'in_progress' (another request holds it now).
CREATE FUNCTION event_store.claim_idempotency_key(p_tenant_id UUID, p_scope TEXT, p_key TEXT, p_request_hash TEXT,
                                                  p_lease_ms INTEGER)
    RETURNS TABLE (outcome TEXT, response_status INTEGER, response_body JSONB)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_row event_store.idempotency_keys%ROWTYPE;
BEGIN
    PERFORM set_config('app.current_tenant_id', p_tenant_id::text, true);
    INSERT INTO event_store.idempotency_keys AS k (tenant_id, scope, idempotency_key, request_hash, locked_until)
    VALUES (p_tenant_id, p_scope, p_key, p_request_hash, now() + make_interval(secs => p_lease_ms / 1000.0))
    ON CONFLICT (tenant_id, scope, idempotency_key) DO UPDATE
        SET locked_until = EXCLUDED.locked_until, updated_at = now()
        WHERE k.response_status IS NULL AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash;
    IF FOUND THEN
        RETURN QUERY SELECT 'claimed', NULL::INTEGER, NULL::JSONB;
        RETURN;
    END IF;
    SELECT * INTO v_row FROM event_store.idempotency_keys k
    WHERE k.tenant_id = p_tenant_id AND k.scope = p_scope AND k.idempotency_key = p_key;
    IF v_row.request_hash <> p_request_hash THEN
        RETURN QUERY SELECT 'mismatch', NULL::INTEGER, NULL::JSONB;
    ELSIF v_row.response_status IS NOT NULL THEN
        RETURN QUERY SELECT 'completed', v_row.response_status, v_row.response_body;
    ELSE
        RETURN QUERY SELECT 'in_progress', NULL::INTEGER, NULL::JSONB;
    END IF;
END
$$;
COMMENT ON FUNCTION event_store.claim_idempotency_key IS
    'Claims an Idempotency-Key for one request, or says why not (completed, mismatch, in_progress)';

-- Tenant check by RLS: the function runs as the caller (no SECURITY DEFINER) and sets the tenant itself.
CREATE FUNCTION event_store.complete_idempotency_key(p_tenant_id UUID, p_scope TEXT, p_key TEXT, p_status INTEGER,
                                                     p_body JSONB)
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM set_config('app.current_tenant_id', p_tenant_id::text, true);
    UPDATE event_store.idempotency_keys
    SET response_status = p_status, response_body = p_body, locked_until = NULL, updated_at = now()
    WHERE tenant_id = p_tenant_id AND scope = p_scope AND idempotency_key = p_key;
END
$$;

-- A request that failed without an answer worth repeating (a 409 conflict, a 5xx) gives its key back, so
-- that the client's retry runs the command again.
CREATE FUNCTION event_store.release_idempotency_key(p_tenant_id UUID, p_scope TEXT, p_key TEXT)
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM set_config('app.current_tenant_id', p_tenant_id::text, true);
    DELETE FROM event_store.idempotency_keys
    WHERE tenant_id = p_tenant_id AND scope = p_scope AND idempotency_key = p_key AND response_status IS NULL;
END
$$;

-- Keys are kept a day (as payment providers do); the partition maintenance job purges older ones.
CREATE FUNCTION event_store.purge_idempotency_keys(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH purged AS (DELETE FROM event_store.idempotency_keys WHERE created_at < now() - p_older_than RETURNING 1)
    SELECT count(*) FROM purged
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON event_store.idempotency_keys TO application_readwrite;
GRANT EXECUTE ON FUNCTION event_store.claim_idempotency_key, event_store.complete_idempotency_key,
    event_store.release_idempotency_key, event_store.purge_idempotency_keys TO application_readwrite;

-- The platform's security audit log (seed 004: security event monitoring; seed 000: audit logs kept three
-- years): authentication failures, authorization refusals and every operator action, from every service.
-- Append-only for the services: they insert and read, never change or delete a record; the owner's purge
-- function alone removes records, and only past three years.

CREATE TABLE event_store.security_audit_log (
    audit_id      UUID         NOT NULL DEFAULT gen_random_uuid(),
    occurred_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    service       VARCHAR(100) NOT NULL,
    action        VARCHAR(100) NOT NULL,
    outcome       VARCHAR(20)  NOT NULL,
    actor         VARCHAR(255),
    actor_tenant_id UUID,
    actor_roles   VARCHAR(255),
    tenant_id     UUID,
    target        VARCHAR(255),
    detail        TEXT,
    client_address VARCHAR(64),
    trace_id      VARCHAR(32),
    CONSTRAINT pk_security_audit_log PRIMARY KEY (audit_id),
    CONSTRAINT chk_security_audit_log_outcome CHECK (outcome IN ('succeeded', 'refused', 'failed'))
);
CREATE INDEX idx_security_audit_log_occurred_at ON event_store.security_audit_log (occurred_at DESC);
CREATE INDEX idx_security_audit_log_tenant_occurred_at ON event_store.security_audit_log (tenant_id, occurred_at DESC);

COMMENT ON TABLE event_store.security_audit_log IS
    'Security events of every service: authentication failures, authorization refusals, operator actions; append-only, kept three years';
COMMENT ON COLUMN event_store.security_audit_log.occurred_at IS 'When it happened';
COMMENT ON COLUMN event_store.security_audit_log.service IS 'The service that recorded it';
COMMENT ON COLUMN event_store.security_audit_log.action IS
    'What: authentication.failed, authorization.refused, saga.retry, saga.skip, saga.compensate, saga.cancel, projection.rebuild, projection.audit, projection.parked.retry, projection.parked.skip, parked-message.retry, parked-message.skip, personal-data.rewrap';
COMMENT ON COLUMN event_store.security_audit_log.outcome IS 'succeeded, refused (by a rule or a role) or failed';
COMMENT ON COLUMN event_store.security_audit_log.actor IS 'Who: the verified token''s subject; NULL when no token verified';
COMMENT ON COLUMN event_store.security_audit_log.actor_tenant_id IS 'The tenant of the actor''s token';
COMMENT ON COLUMN event_store.security_audit_log.actor_roles IS 'The roles of the actor''s token, comma-separated';
COMMENT ON COLUMN event_store.security_audit_log.tenant_id IS 'The tenant acted on (a saga''s tenant); NULL for platform-wide actions';
COMMENT ON COLUMN event_store.security_audit_log.target IS 'What was acted on: a saga id, a projection name, a request''s method and path';
COMMENT ON COLUMN event_store.security_audit_log.detail IS 'The operator''s reason, or the problem the action got back';
COMMENT ON COLUMN event_store.security_audit_log.client_address IS 'The client''s address as the service saw it';
COMMENT ON COLUMN event_store.security_audit_log.trace_id IS 'The request''s trace, to find its logs';

-- Retention: three years (seed 000), enforced where the deleting happens.
CREATE FUNCTION event_store.purge_security_audit_log(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT;
BEGIN
    IF p_older_than IS NULL OR p_older_than < INTERVAL '3 years' THEN
        RAISE EXCEPTION 'security audit records are kept at least 3 years (seed 000), not %', p_older_than
            USING ERRCODE = '22023';
    END IF;
    WITH purged AS (DELETE FROM event_store.security_audit_log WHERE occurred_at < now() - p_older_than RETURNING 1)
    SELECT count(*) INTO v_purged FROM purged;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION event_store.purge_security_audit_log(INTERVAL) IS 'Deletes audit records older than the retention (at least 3 years)';

GRANT SELECT, INSERT ON event_store.security_audit_log TO application_readwrite;
GRANT SELECT ON event_store.security_audit_log TO application_readonly;
REVOKE EXECUTE ON FUNCTION event_store.purge_security_audit_log(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.purge_security_audit_log(INTERVAL) TO application_readwrite;

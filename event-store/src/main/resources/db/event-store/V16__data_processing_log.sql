-- The data-processing log (seed 000, GDPR: "data processing logs for auditing"): every export and erasure of a
-- person's data, by any service: whose data, who asked, who carried it out, when, what was touched, and how it
-- ended. Append-only for the services, as the security audit log; the owner's purge function alone removes
-- records, and only past three years (seed 000: audit logs three years at least).

CREATE TABLE event_store.data_processing_log (
    record_id      UUID         NOT NULL DEFAULT gen_random_uuid(),
    occurred_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    service        VARCHAR(100) NOT NULL,
    activity       VARCHAR(30)  NOT NULL,
    tenant_id      UUID         NOT NULL,
    subject_id     VARCHAR(255) NOT NULL,
    requested_by   VARCHAR(255) NOT NULL,
    carried_out_by VARCHAR(255) NOT NULL,
    touched        JSONB        NOT NULL DEFAULT '[]',
    outcome        VARCHAR(20)  NOT NULL,
    detail         TEXT,
    trace_id       VARCHAR(32),
    CONSTRAINT pk_data_processing_log PRIMARY KEY (record_id),
    CONSTRAINT chk_data_processing_log_activity CHECK (activity IN ('export', 'erasure')),
    CONSTRAINT chk_data_processing_log_outcome CHECK (outcome IN ('succeeded', 'failed'))
);
CREATE INDEX idx_data_processing_log_tenant_subject ON event_store.data_processing_log (tenant_id, subject_id, occurred_at DESC);
CREATE INDEX idx_data_processing_log_occurred_at ON event_store.data_processing_log (occurred_at DESC);

COMMENT ON TABLE event_store.data_processing_log IS
    'Exports and erasures of a person''s data (GDPR), by every service; append-only, kept three years';
COMMENT ON COLUMN event_store.data_processing_log.occurred_at IS 'When it was carried out';
COMMENT ON COLUMN event_store.data_processing_log.service IS 'The service that carried it out';
COMMENT ON COLUMN event_store.data_processing_log.activity IS 'export or erasure';
COMMENT ON COLUMN event_store.data_processing_log.tenant_id IS 'The shop whose customer it was';
COMMENT ON COLUMN event_store.data_processing_log.subject_id IS 'Whose data: the customer''s id (no name, no contact: the log holds no personal data beyond the id)';
COMMENT ON COLUMN event_store.data_processing_log.requested_by IS 'Who asked: the customer, as support records it for a request made to them';
COMMENT ON COLUMN event_store.data_processing_log.carried_out_by IS 'Who carried it out: the verified token''s subject';
COMMENT ON COLUMN event_store.data_processing_log.touched IS 'What was read or changed: a list of {place, count}';
COMMENT ON COLUMN event_store.data_processing_log.outcome IS 'succeeded or failed';
COMMENT ON COLUMN event_store.data_processing_log.detail IS 'Why it failed, or what is still to come';
COMMENT ON COLUMN event_store.data_processing_log.trace_id IS 'The request''s trace, to find its logs';

CREATE FUNCTION event_store.purge_data_processing_log(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT;
BEGIN
    IF p_older_than IS NULL OR p_older_than < INTERVAL '3 years' THEN
        RAISE EXCEPTION 'data-processing records are kept at least 3 years (seed 000), not %', p_older_than
            USING ERRCODE = '22023';
    END IF;
    WITH purged AS (DELETE FROM event_store.data_processing_log WHERE occurred_at < now() - p_older_than RETURNING 1)
    SELECT count(*) INTO v_purged FROM purged;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION event_store.purge_data_processing_log(INTERVAL) IS 'Deletes data-processing records older than the retention (at least 3 years)';

GRANT SELECT, INSERT ON event_store.data_processing_log TO application_readwrite;
GRANT SELECT ON event_store.data_processing_log TO application_readonly;
REVOKE EXECUTE ON FUNCTION event_store.purge_data_processing_log(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.purge_data_processing_log(INTERVAL) TO application_readwrite;

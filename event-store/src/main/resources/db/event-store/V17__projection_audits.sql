-- The latest audit of each projection, as it runs and how it ended: an audit replays the store beside the running
-- read model for minutes, and operators watch its progress from any instance (the console's projections page),
-- not only the one answering the audit's request. One row per projection, replaced by the next audit. Counts and
-- positions only: no document content, which holds personal data that must stay where erasure reaches it.

CREATE TABLE event_store.projection_audits (
    service            VARCHAR(100) NOT NULL,
    projection         VARCHAR(100) NOT NULL,
    audit_id           UUID         NOT NULL,
    sample_percent     INTEGER      NOT NULL,
    started_by         VARCHAR(255) NOT NULL,
    started_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at        TIMESTAMPTZ,
    read_position      BIGINT       NOT NULL DEFAULT 0,
    target_position    BIGINT,
    events_replayed    BIGINT       NOT NULL DEFAULT 0,
    documents_compared BIGINT       NOT NULL DEFAULT 0,
    differences        INTEGER,
    failure            TEXT,
    CONSTRAINT pk_projection_audits PRIMARY KEY (service, projection),
    CONSTRAINT chk_projection_audits_percent CHECK (sample_percent BETWEEN 1 AND 100)
);

COMMENT ON TABLE event_store.projection_audits IS 'The latest audit of each projection: its progress while it runs, then its outcome';
COMMENT ON COLUMN event_store.projection_audits.service IS 'The service whose projection it is (quarkus.application.name)';
COMMENT ON COLUMN event_store.projection_audits.projection IS 'The projection''s name, e.g. order-views';
COMMENT ON COLUMN event_store.projection_audits.audit_id IS 'This run: a later audit of the same projection replaces the row, and the earlier run''s late updates no longer match';
COMMENT ON COLUMN event_store.projection_audits.sample_percent IS 'The share of documents replayed (by hash of document or aggregate)';
COMMENT ON COLUMN event_store.projection_audits.started_by IS 'The operator who asked: the verified token''s subject';
COMMENT ON COLUMN event_store.projection_audits.updated_at IS 'When the run last told its progress: a run that stops telling while unfinished died with its instance';
COMMENT ON COLUMN event_store.projection_audits.finished_at IS 'When it ended; null while it runs';
COMMENT ON COLUMN event_store.projection_audits.read_position IS 'The store position the replay has read to';
COMMENT ON COLUMN event_store.projection_audits.target_position IS 'The position of the read model''s checkpoint it reads to: read_position over it is the replay''s progress';
COMMENT ON COLUMN event_store.projection_audits.events_replayed IS 'Events of sampled documents replayed so far';
COMMENT ON COLUMN event_store.projection_audits.documents_compared IS 'Documents compared with the read model so far';
COMMENT ON COLUMN event_store.projection_audits.differences IS 'Documents that differ, once finished (the report itself is the audit request''s answer)';
COMMENT ON COLUMN event_store.projection_audits.failure IS 'Why it failed, when it did';

GRANT SELECT, INSERT, UPDATE ON event_store.projection_audits TO application_readwrite;
GRANT SELECT ON event_store.projection_audits TO application_readonly;

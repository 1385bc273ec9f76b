-- The event store: every service appends its aggregates' events here, and every read model, relay and
-- saga reads them back from here. Schema event_store, migrated by cloudlab_owner (who owns every table and
-- function below); services connect as roles that own nothing, so the row-level security below applies.
--
-- Partitioning (docs/event-store.md has the measurements): events are partitioned by month of their
-- STREAM's creation time, not of the event's own time. PostgreSQL puts the partition key into every unique
-- index, so with event time as the key "one row per (stream, version)" could only be enforced per month,
-- and the usual workaround (a version counter on a second, unpartitioned table, advanced on every append)
-- costs ~40% of append throughput. With the stream's creation time as the key, a stream lives in exactly
-- one partition and the unique index below is a real per-stream guarantee at almost no cost; the streams
-- row is written once, when the stream is created.

CREATE TABLE event_store.streams (
    aggregate_id   UUID         NOT NULL PRIMARY KEY,
    aggregate_type VARCHAR(100) NOT NULL,
    tenant_id      UUID         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    archived_at    TIMESTAMPTZ,
    deleted_at     TIMESTAMPTZ
);
CREATE INDEX idx_streams_tenant_id_aggregate_type ON event_store.streams (tenant_id, aggregate_type);

COMMENT ON TABLE event_store.streams IS
    'One row per event stream (aggregate), written when the stream is created; fixes its type, tenant and partition';
COMMENT ON COLUMN event_store.streams.aggregate_id IS 'The aggregate''s id; also the stream id';
COMMENT ON COLUMN event_store.streams.aggregate_type IS 'Type of aggregate (Order, Product, Payment, ...); never changes';
COMMENT ON COLUMN event_store.streams.tenant_id IS 'Tenant owning the stream; row-level security filters on it';
COMMENT ON COLUMN event_store.streams.created_at IS
    'When the stream was created; copied to every event as stream_created_at, the partition key';
COMMENT ON COLUMN event_store.streams.updated_at IS 'Last change of this row (archiving, deletion), not of the stream''s events';
COMMENT ON COLUMN event_store.streams.archived_at IS 'Set when the stream''s partition was detached into event_store_archive';
COMMENT ON COLUMN event_store.streams.deleted_at IS 'Soft deletion: the stream accepts no more events';

CREATE SEQUENCE event_store.events_position_seq AS BIGINT;
COMMENT ON SEQUENCE event_store.events_position_seq IS 'Source of events.position';

CREATE TABLE event_store.events (
    event_id          UUID         NOT NULL,
    aggregate_id      UUID         NOT NULL,
    aggregate_type    VARCHAR(100) NOT NULL,
    event_type        VARCHAR(100) NOT NULL,
    event_version     INTEGER      NOT NULL,
    schema_version    INTEGER      NOT NULL DEFAULT 1,
    event_data        JSONB        NOT NULL,
    metadata          JSONB        NOT NULL,
    tenant_id         UUID         NOT NULL,
    position          BIGINT       NOT NULL DEFAULT nextval('event_store.events_position_seq'),
    transaction_id    XID8         NOT NULL DEFAULT pg_current_xact_id(),
    stream_created_at TIMESTAMPTZ  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),

    CONSTRAINT pk_events PRIMARY KEY (event_id, stream_created_at),
    CONSTRAINT uq_events_aggregate_id_event_version UNIQUE (aggregate_id, event_version, stream_created_at),
    CONSTRAINT chk_event_version_positive CHECK (event_version > 0),
    CONSTRAINT chk_schema_version_positive CHECK (schema_version > 0)
) PARTITION BY RANGE (stream_created_at);

-- The subscription order: (transaction_id, position). See event_store.read_committed for why.
CREATE INDEX idx_events_transaction_id_position ON event_store.events (transaction_id, position);
-- Seed 001's indexes. idx_events_aggregate_id is the leading column of uq_events_aggregate_id_event_version,
-- and idx_events_aggregate_type is the leading column of the composite one, so neither is repeated.
CREATE INDEX idx_events_aggregate_type_created_at ON event_store.events (aggregate_type, created_at);
CREATE INDEX idx_events_event_type ON event_store.events (event_type);
CREATE INDEX idx_events_created_at ON event_store.events (created_at);

COMMENT ON TABLE event_store.events IS
    'Event store for event sourcing and audit trails; also the outbox relayed to Kafka. Partitioned by month of stream creation';
COMMENT ON COLUMN event_store.events.event_id IS 'Unique id of the event, chosen by the writer: a retried append with the same ids is recognised';
COMMENT ON COLUMN event_store.events.aggregate_id IS 'ID of the aggregate root this event belongs to';
COMMENT ON COLUMN event_store.events.aggregate_type IS 'Type of aggregate (Order, Product, Payment, etc.)';
COMMENT ON COLUMN event_store.events.event_type IS 'Type of event (OrderPlaced, StockReserved, etc.)';
COMMENT ON COLUMN event_store.events.event_version IS 'Position of the event in its stream: 1, 2, 3, ... without gaps';
COMMENT ON COLUMN event_store.events.schema_version IS 'Version of the event type''s payload schema; upcasters read old ones as current';
COMMENT ON COLUMN event_store.events.event_data IS 'JSON data containing the event payload; personal fields encrypted per subject';
COMMENT ON COLUMN event_store.events.metadata IS 'correlation_id, causation_id, tenant_id, user_id, traceparent, schema_version';
COMMENT ON COLUMN event_store.events.tenant_id IS 'Tenant of the stream; row-level security filters on it';
COMMENT ON COLUMN event_store.events.position IS 'Global sequence number; with transaction_id, the order subscriptions deliver in';
COMMENT ON COLUMN event_store.events.transaction_id IS 'Id of the appending transaction; a reader waits until every older one has ended';
COMMENT ON COLUMN event_store.events.stream_created_at IS 'Creation time of the stream (partition key): a stream lives in one partition';
COMMENT ON COLUMN event_store.events.created_at IS 'When the event was appended (start of the appending transaction)';

-- Events whose stream was created in a month without a partition land here; maintenance creates
-- partitions months ahead so that this stays empty (a month cannot get its partition once DEFAULT holds
-- rows of it).
CREATE TABLE event_store.events_default PARTITION OF event_store.events DEFAULT;

CREATE TABLE event_store.snapshots (
    aggregate_id     UUID         NOT NULL PRIMARY KEY REFERENCES event_store.streams (aggregate_id) ON DELETE CASCADE,
    aggregate_type   VARCHAR(100) NOT NULL,
    tenant_id        UUID         NOT NULL,
    snapshot_version INTEGER      NOT NULL,
    schema_version   INTEGER      NOT NULL DEFAULT 1,
    snapshot_data    JSONB        NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT chk_snapshot_version_positive CHECK (snapshot_version > 0)
);
COMMENT ON TABLE event_store.snapshots IS 'Latest snapshot of an aggregate''s state, so long streams load without replaying every event';
COMMENT ON COLUMN event_store.snapshots.snapshot_version IS 'The stream version the snapshot reflects; loading replays only later events';
COMMENT ON COLUMN event_store.snapshots.schema_version IS 'Version of the snapshot''s shape; a snapshot of another version is ignored';
COMMENT ON COLUMN event_store.snapshots.snapshot_data IS 'The aggregate''s state as JSON';
COMMENT ON COLUMN event_store.snapshots.tenant_id IS 'Tenant of the stream; row-level security filters on it';

CREATE TABLE event_store.subscription_checkpoints (
    subscription_name   VARCHAR(200) NOT NULL PRIMARY KEY,
    last_transaction_id XID8         NOT NULL DEFAULT '0',
    last_position       BIGINT       NOT NULL DEFAULT 0,
    events_handled      BIGINT       NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
COMMENT ON TABLE event_store.subscription_checkpoints IS
    'How far each named subscription has handled events; keyed by name, which is how operators address it';
COMMENT ON COLUMN event_store.subscription_checkpoints.last_transaction_id IS 'transaction_id of the last event handled';
COMMENT ON COLUMN event_store.subscription_checkpoints.last_position IS 'position of the last event handled';
COMMENT ON COLUMN event_store.subscription_checkpoints.events_handled IS 'Events handled since the subscription started (for lag and rate figures)';

CREATE TABLE event_store.subject_keys (
    subject_id   UUID        NOT NULL PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    key_material BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at    TIMESTAMPTZ,
    CONSTRAINT chk_subject_keys_erased_has_no_key CHECK ((erased_at IS NULL) = (key_material IS NOT NULL))
);
COMMENT ON TABLE event_store.subject_keys IS
    'Per-subject keys for personal fields in events (crypto-shredding): events are never rewritten, so erasing a subject deletes its key';
COMMENT ON COLUMN event_store.subject_keys.subject_id IS 'The person the personal data is about (e.g. a customer id)';
COMMENT ON COLUMN event_store.subject_keys.key_material IS 'AES-256 key, itself encrypted (AES-256-GCM) with the key-encryption key from configuration; NULL once erased';
COMMENT ON COLUMN event_store.subject_keys.erased_at IS 'When the subject was erased; its personal fields read back as erased from then on';

CREATE TABLE event_store.partition_maintenance_log (
    log_id         UUID         NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    action         VARCHAR(20)  NOT NULL,
    partition_name VARCHAR(100) NOT NULL,
    detail         TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT chk_partition_maintenance_action CHECK (action IN ('created', 'detached', 'skipped'))
);
CREATE INDEX idx_partition_maintenance_log_created_at ON event_store.partition_maintenance_log (created_at);
COMMENT ON TABLE event_store.partition_maintenance_log IS 'Every partition created, detached or left in place, with why';
COMMENT ON COLUMN event_store.partition_maintenance_log.action IS 'created, detached (moved to event_store_archive) or skipped (with the reason in detail)';

CREATE SCHEMA IF NOT EXISTS event_store_archive;
COMMENT ON SCHEMA event_store_archive IS
    'Event partitions past retention, detached from event_store.events but kept until an operator exports and drops them';

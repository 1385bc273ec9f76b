-- Facts of the probe counters for the module's retention test: one row per event, deduplicated by event id like
-- every fact table (ReplacingMergeTree, sorting key ending in event_id, partitioned by the event's month).
CREATE TABLE IF NOT EXISTS retention_facts_v${v} (
    tenant_id            UUID            COMMENT 'Tenant of the counter',
    counter_id           UUID            COMMENT 'The counter',
    event_id             UUID            COMMENT 'The event: the deduplication key',
    event_type           String          COMMENT 'Its type',
    amount               Int64           COMMENT 'Amount added, 0 for the opening',
    occurred_at          DateTime('UTC') COMMENT 'When it was recorded',
    event_transaction_id UInt64          COMMENT 'Transaction id of the event',
    event_position       UInt64          COMMENT 'Store position of the event',
    projection_rank      UInt64          COMMENT 'Larger for an earlier insert: a merge keeps the first projection'
) ENGINE = ReplacingMergeTree(projection_rank)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (counter_id, event_id);

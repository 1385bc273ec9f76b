-- The probe's V1 as someone might edit it after it was applied (a column added in place): the engine must
-- refuse it (AnalyticsEngineTest), since the tables already made from the original would not match it.
CREATE TABLE IF NOT EXISTS probe_facts_v${v} (
    tenant_id            UUID            COMMENT 'Tenant of the order',
    order_id             UUID            COMMENT 'The order',
    event_id             UUID            COMMENT 'The event: the deduplication key',
    event_type           String          COMMENT 'Its type',
    carrier              String          COMMENT 'Added by editing an applied migration',
    occurred_at          DateTime('UTC') COMMENT 'When it was recorded',
    event_transaction_id UInt64          COMMENT 'Transaction id of the event',
    event_position       UInt64          COMMENT 'Store position of the event'
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, order_id, event_id);

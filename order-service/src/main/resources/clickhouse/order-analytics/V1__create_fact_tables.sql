-- Facts of orders and payments for analytics (io.cloudlab.order.analytics), one set per table version
-- (${v}): a rebuild fills new tables while these serve, then readers switch (docs/read-models.md).
--
-- Every table is a ReplacingMergeTree whose sorting key ends with the event id (and the line number for lines):
-- the same event inserted twice - a batch delivered again after a crash, a replay - is the same key, so one row
-- once merged and under FINAL before; a partition is a month of the event's time, which is the same for both
-- copies, so they always meet in one partition. projection_rank is larger for an earlier insert, so merging keeps
-- the first projection of an event and a replay does not change the measured projection delay.
-- No table comments: ClickHouse 18.16 has column comments only.

CREATE TABLE IF NOT EXISTS order_facts_v${v} (
    tenant_id            UUID              COMMENT 'Tenant of the order; every query filters by it',
    order_id             UUID              COMMENT 'The order (its event stream id)',
    event_id             UUID              COMMENT 'The event this row records; with order_id, the deduplication key',
    event_type           Enum8('OrderPlaced' = 1, 'OrderPaid' = 2, 'OrderRejected' = 3, 'OrderCancelled' = 4,
                               'OrderProcessingStarted' = 5, 'OrderShipped' = 6, 'OrderDelivered' = 7,
                               'OrderRefunded' = 8)
                                           COMMENT 'What happened to the order',
    occurred_at          DateTime('UTC')   COMMENT 'When the event was recorded in the event store',
    customer_id          String            COMMENT 'Customer who placed the order (OrderPlaced only)',
    currency             String            COMMENT 'ISO 4217 currency of the order (OrderPlaced only)',
    payment_method       String            COMMENT 'Seed payment_method (OrderPlaced only)',
    amount               Decimal(12, 2)    COMMENT 'OrderPlaced: total; OrderPaid: amount paid; OrderRefunded: amount refunded; else 0',
    item_count           UInt32            COMMENT 'Number of order lines (OrderPlaced only)',
    reason               String            COMMENT 'Why it was rejected, cancelled or refunded',
    cancelled_by         String            COMMENT 'Who cancelled it (OrderCancelled only)',
    carrier              String            COMMENT 'Carrier it was shipped with (OrderShipped only)',
    event_transaction_id UInt64            COMMENT 'Transaction id of the event: with event_position, where it is in the store',
    event_position       UInt64            COMMENT 'Store position of the event',
    projected_at         DateTime('UTC')   COMMENT 'When the row was first inserted',
    projection_delay_ms  UInt64            COMMENT 'From the event commit to its first insert here',
    projection_rank      UInt64            COMMENT 'Larger for an earlier insert: merges keep the first projection'
) ENGINE = ReplacingMergeTree(projection_rank)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, order_id, event_id);

CREATE TABLE IF NOT EXISTS order_line_facts_v${v} (
    tenant_id            UUID              COMMENT 'Tenant of the order',
    order_id             UUID              COMMENT 'The order',
    event_id             UUID              COMMENT 'The OrderPlaced event the line comes from',
    line_number          UInt16            COMMENT 'Place of the line in the order, from 1; with event_id, the deduplication key',
    occurred_at          DateTime('UTC')   COMMENT 'When the order was placed',
    product_id           UUID              COMMENT 'The product',
    product_name         String            COMMENT 'Its name when the order was placed',
    vendor_id            Nullable(UUID)    COMMENT 'Its vendor from the catalogue copy; null when unknown',
    quantity             UInt32            COMMENT 'Units ordered',
    unit_price           Decimal(12, 2)    COMMENT 'Price of one unit when the order was placed',
    line_total           Decimal(12, 2)    COMMENT 'unit_price times quantity',
    currency             String            COMMENT 'ISO 4217 currency of the order',
    event_transaction_id UInt64            COMMENT 'Transaction id of the event',
    event_position       UInt64            COMMENT 'Store position of the event',
    projected_at         DateTime('UTC')   COMMENT 'When the row was inserted'
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, order_id, event_id, line_number);

CREATE TABLE IF NOT EXISTS payment_facts_v${v} (
    tenant_id            UUID              COMMENT 'Tenant of the payment',
    payment_id           UUID              COMMENT 'The payment (its event stream id)',
    event_id             UUID              COMMENT 'The event this row records; with payment_id, the deduplication key',
    order_id             UUID              COMMENT 'The order it pays for',
    event_type           Enum8('PaymentAuthorized' = 1, 'PaymentDeclined' = 2, 'PaymentAuthorizationTimedOut' = 3,
                               'PaymentCaptured' = 4, 'PaymentVoided' = 5, 'PaymentRefunded' = 6)
                                           COMMENT 'What happened to the payment',
    occurred_at          DateTime('UTC')   COMMENT 'When the event was recorded in the event store',
    amount               Decimal(12, 2)    COMMENT 'Amount authorized, declined, captured or refunded; 0 when voided',
    currency             String            COMMENT 'ISO 4217 currency (authorization events only)',
    payment_method       String            COMMENT 'Seed payment_method (authorization events only)',
    decline_reason       String            COMMENT 'Why the gateway declined (PaymentDeclined only)',
    event_transaction_id UInt64            COMMENT 'Transaction id of the event',
    event_position       UInt64            COMMENT 'Store position of the event',
    projected_at         DateTime('UTC')   COMMENT 'When the row was first inserted',
    projection_delay_ms  UInt64            COMMENT 'From the event commit to its first insert here',
    projection_rank      UInt64            COMMENT 'Larger for an earlier insert: merges keep the first projection'
) ENGINE = ReplacingMergeTree(projection_rank)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, payment_id, event_id);

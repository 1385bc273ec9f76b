-- The order service's own tables beside its event streams. The Order stream in the event store is the
-- truth; these are written in the same transaction as the events that change them, so they are never
-- behind: order_summaries serves a customer's order list (newest first, cursor paging), and catalogue_products
-- is the local copy of the inventory catalogue that prices new orders.

CREATE TYPE orders.order_status AS ENUM
    ('draft', 'pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded');
CREATE TYPE orders.payment_method AS ENUM
    ('credit_card', 'debit_card', 'paypal', 'apple_pay', 'google_pay', 'bank_transfer', 'cryptocurrency');

CREATE SEQUENCE orders.order_number_seq AS BIGINT;
COMMENT ON SEQUENCE orders.order_number_seq IS 'Numbers of human-readable order numbers (ORD-YYYYMMDD-NNNNNNNN)';

CREATE TABLE orders.order_summaries (
    order_id        UUID                  PRIMARY KEY,
    tenant_id       UUID                  NOT NULL,
    customer_id     VARCHAR(255)          NOT NULL,
    order_number    VARCHAR(50)           NOT NULL,
    status          orders.order_status   NOT NULL,
    payment_method  orders.payment_method NOT NULL,
    currency        CHAR(3)               NOT NULL,
    total_amount    DECIMAL(10,2)         NOT NULL,
    item_count      INTEGER               NOT NULL,
    version         INTEGER               NOT NULL,
    last_position   BIGINT                NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT uq_order_summaries_order_number UNIQUE (order_number),
    CONSTRAINT chk_order_summaries_total_amount CHECK (total_amount >= 0),
    CONSTRAINT chk_order_summaries_item_count CHECK (item_count > 0),
    CONSTRAINT chk_order_summaries_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT chk_order_summaries_version CHECK (version > 0)
);
-- The customer's list: newest first, keyset-paged on (created_at, order_id).
CREATE INDEX idx_order_summaries_tenant_id_customer_id_created_at
    ON orders.order_summaries (tenant_id, customer_id, created_at DESC, order_id DESC);
CREATE INDEX idx_order_summaries_tenant_id_status ON orders.order_summaries (tenant_id, status);

COMMENT ON TABLE orders.order_summaries IS
    'One row per order, for listing: kept in the transaction that appends the order''s events';
COMMENT ON COLUMN orders.order_summaries.order_id IS 'The order (its event stream id)';
COMMENT ON COLUMN orders.order_summaries.tenant_id IS 'Tenant of the order (row-level security)';
COMMENT ON COLUMN orders.order_summaries.customer_id IS 'The customer who placed it (the token''s subject)';
COMMENT ON COLUMN orders.order_summaries.order_number IS 'Human-readable order number, unique';
COMMENT ON COLUMN orders.order_summaries.status IS 'Current status (seed order_status)';
COMMENT ON COLUMN orders.order_summaries.payment_method IS 'How the customer pays (seed payment_method)';
COMMENT ON COLUMN orders.order_summaries.currency IS 'ISO 4217 currency of every amount of the order';
COMMENT ON COLUMN orders.order_summaries.total_amount IS 'Sum of the lines, priced from the catalogue at placement';
COMMENT ON COLUMN orders.order_summaries.item_count IS 'Number of order lines';
COMMENT ON COLUMN orders.order_summaries.version IS 'Version of the order''s stream this row reflects';
COMMENT ON COLUMN orders.order_summaries.last_position IS 'Store position of the last event applied (read-your-writes)';
COMMENT ON COLUMN orders.order_summaries.created_at IS 'When the order was placed';
COMMENT ON COLUMN orders.order_summaries.updated_at IS 'When its status last changed';

ALTER TABLE orders.order_summaries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON orders.order_summaries
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

CREATE TABLE orders.catalogue_products (
    product_id    UUID          PRIMARY KEY,
    tenant_id     UUID          NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    price         DECIMAL(10,2) NOT NULL,
    currency      CHAR(3)       NOT NULL,
    is_active     BOOLEAN       NOT NULL DEFAULT true,
    version       INTEGER       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT chk_catalogue_products_price CHECK (price > 0),
    CONSTRAINT chk_catalogue_products_currency CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX idx_catalogue_products_tenant_id ON orders.catalogue_products (tenant_id);

COMMENT ON TABLE orders.catalogue_products IS
    'Prices of the inventory catalogue, from its Product events on Kafka: what new orders are priced with';
COMMENT ON COLUMN orders.catalogue_products.product_id IS 'The product (its stream id in inventory-service)';
COMMENT ON COLUMN orders.catalogue_products.tenant_id IS 'Tenant of the product (row-level security)';
COMMENT ON COLUMN orders.catalogue_products.name IS 'Product name, copied into order lines';
COMMENT ON COLUMN orders.catalogue_products.price IS 'Current unit price';
COMMENT ON COLUMN orders.catalogue_products.currency IS 'ISO 4217 currency of the price';
COMMENT ON COLUMN orders.catalogue_products.is_active IS 'False once the product is retired: it can no longer be ordered';
COMMENT ON COLUMN orders.catalogue_products.version IS
    'Version of the product stream applied last; an older event arriving late never overwrites a newer one';
COMMENT ON COLUMN orders.catalogue_products.created_at IS 'When the product first arrived here';
COMMENT ON COLUMN orders.catalogue_products.updated_at IS 'When it last changed here';

ALTER TABLE orders.catalogue_products ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON orders.catalogue_products
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

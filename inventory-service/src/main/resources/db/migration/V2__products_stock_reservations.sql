-- The write-side state of the Product aggregate. Every change to these rows is made in the same transaction
-- that appends the aggregate's events (event_store.events is the outbox), so the rows and the stream never
-- disagree. The rows exist because two things cannot be done well by folding a stream: enforcing stock
-- atomically across concurrent reservations (conditional UPDATEs under row locks) and full-text search.

CREATE TABLE inventory.products (
    product_id    UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL,
    vendor_id     UUID NOT NULL,
    name          VARCHAR(200) NOT NULL,
    description   VARCHAR(5000) NOT NULL DEFAULT '',
    price         DECIMAL(10,2) NOT NULL,
    currency      CHAR(3) NOT NULL,
    status        VARCHAR(20) NOT NULL DEFAULT 'active',
    version       INTEGER NOT NULL,
    search_vector TSVECTOR GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', name), 'A')
                      || setweight(to_tsvector('english', description), 'B')) STORED,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at    TIMESTAMPTZ,
    CONSTRAINT chk_products_name CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT chk_products_price CHECK (price > 0),
    CONSTRAINT chk_products_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT chk_products_status CHECK (status IN ('active', 'retired')),
    CONSTRAINT chk_products_version CHECK (version >= 1)
);

COMMENT ON TABLE inventory.products IS 'Catalogue rows of the Product aggregate (stream id = product_id); written with its events in one transaction';
COMMENT ON COLUMN inventory.products.product_id IS 'Product id, also the id of its event stream';
COMMENT ON COLUMN inventory.products.tenant_id IS 'Owning tenant; row-level security restricts every query to app.current_tenant_id';
COMMENT ON COLUMN inventory.products.vendor_id IS 'User id (JWT subject) of the vendor who sells the product';
COMMENT ON COLUMN inventory.products.name IS 'Display name, 1-200 characters, stored verbatim';
COMMENT ON COLUMN inventory.products.description IS 'Free-text description, up to 5000 characters, stored verbatim';
COMMENT ON COLUMN inventory.products.price IS 'Current unit price in currency, greater than zero';
COMMENT ON COLUMN inventory.products.currency IS 'ISO 4217 currency code of price';
COMMENT ON COLUMN inventory.products.status IS 'active (sellable, listed) or retired (no longer sold nor listed)';
COMMENT ON COLUMN inventory.products.version IS 'Version of the product event stream after the last change: the expected version of the next append';
COMMENT ON COLUMN inventory.products.search_vector IS 'Full-text document (name weight A, description weight B) for websearch_to_tsquery';
COMMENT ON COLUMN inventory.products.created_at IS 'When the product was created';
COMMENT ON COLUMN inventory.products.updated_at IS 'When the row last changed';
COMMENT ON COLUMN inventory.products.deleted_at IS 'Soft deletion (erasure); deleted rows are invisible to every endpoint';

CREATE INDEX idx_products_search_vector ON inventory.products USING GIN (search_vector);
-- Browsing pages through active products newest first: keyset on (created_at, product_id).
CREATE INDEX idx_products_tenant_id_created_at_product_id ON inventory.products (tenant_id, created_at DESC, product_id DESC)
    WHERE status = 'active' AND deleted_at IS NULL;
CREATE INDEX idx_products_vendor_id_status ON inventory.products (vendor_id, status);

CREATE TABLE inventory.stock_levels (
    product_id UUID PRIMARY KEY REFERENCES inventory.products (product_id) ON DELETE RESTRICT,
    tenant_id  UUID NOT NULL,
    available  INTEGER NOT NULL,
    reserved   INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The last word against overselling: whatever the code does, a level never goes negative.
    CONSTRAINT chk_stock_levels_available CHECK (available >= 0),
    CONSTRAINT chk_stock_levels_reserved CHECK (reserved >= 0)
);

COMMENT ON TABLE inventory.stock_levels IS 'Units of each product that can be reserved and that are held by active reservations';
COMMENT ON COLUMN inventory.stock_levels.product_id IS 'The product these units are of';
COMMENT ON COLUMN inventory.stock_levels.tenant_id IS 'Owning tenant (row-level security)';
COMMENT ON COLUMN inventory.stock_levels.available IS 'Units free to reserve; never negative';
COMMENT ON COLUMN inventory.stock_levels.reserved IS 'Units held by active reservations; committed units leave the stock';
COMMENT ON COLUMN inventory.stock_levels.created_at IS 'When the level was created (with the product)';
COMMENT ON COLUMN inventory.stock_levels.updated_at IS 'When the level last changed';

CREATE TABLE inventory.reservations (
    order_id    UUID NOT NULL,
    product_id  UUID NOT NULL REFERENCES inventory.products (product_id) ON DELETE RESTRICT,
    tenant_id   UUID NOT NULL,
    line_number INTEGER NOT NULL,
    quantity    INTEGER NOT NULL,
    status      VARCHAR(20) NOT NULL DEFAULT 'active',
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT chk_reservations_quantity CHECK (quantity BETWEEN 1 AND 1000000),
    CONSTRAINT chk_reservations_line_number CHECK (line_number >= 0),
    CONSTRAINT chk_reservations_status CHECK (status IN ('active', 'committed', 'released', 'expired'))
);

COMMENT ON TABLE inventory.reservations IS 'Stock held for an order, one row per order line; all lines of an order change status together';
COMMENT ON COLUMN inventory.reservations.order_id IS 'The order the stock is held for (order-service id)';
COMMENT ON COLUMN inventory.reservations.product_id IS 'The product reserved';
COMMENT ON COLUMN inventory.reservations.tenant_id IS 'Owning tenant (row-level security)';
COMMENT ON COLUMN inventory.reservations.line_number IS 'Position of the line in the reservation request (0-based)';
COMMENT ON COLUMN inventory.reservations.quantity IS 'Units held, 1 to 1,000,000';
COMMENT ON COLUMN inventory.reservations.status IS 'active (held), committed (sold), released (given back on request) or expired (given back by the expiry job)';
COMMENT ON COLUMN inventory.reservations.expires_at IS 'When an active reservation is given back unless committed';
COMMENT ON COLUMN inventory.reservations.created_at IS 'When the stock was reserved';
COMMENT ON COLUMN inventory.reservations.updated_at IS 'When the status last changed';

CREATE INDEX idx_reservations_product_id ON inventory.reservations (product_id);
-- The expiry job's scan: only active rows, soonest first.
CREATE INDEX idx_reservations_expires_at ON inventory.reservations (expires_at) WHERE status = 'active';

ALTER TABLE inventory.products ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory.stock_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory.reservations ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation_policy ON inventory.products
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation_policy ON inventory.stock_levels
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation_policy ON inventory.reservations
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

-- The expiry job serves every tenant, but the service role sees one tenant at a time (RLS). This function,
-- run with its owner's rights, tells the job only WHICH orders of WHICH tenants have due reservations; the
-- job then releases each order inside that tenant's RLS transaction, locking its rows with SKIP LOCKED.
CREATE FUNCTION inventory.due_reservations(due_before TIMESTAMPTZ, max_orders INTEGER)
    RETURNS TABLE (tenant_id UUID, order_id UUID)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.tenant_id, r.order_id
    FROM inventory.reservations r
    WHERE r.status = 'active' AND r.expires_at <= due_before
    GROUP BY r.tenant_id, r.order_id
    ORDER BY min(r.expires_at)
    LIMIT max_orders
$$;

COMMENT ON FUNCTION inventory.due_reservations(TIMESTAMPTZ, INTEGER) IS
    'Tenant and order ids with active reservations due before the given time (for the expiry job; reveals ids only)';

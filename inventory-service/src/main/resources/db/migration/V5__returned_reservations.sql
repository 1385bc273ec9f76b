-- Units sold to an order can come back: a paid order cancelled before it ships, or a return. The order's
-- reservation then ends 'returned', its units back in the available stock.
ALTER TABLE inventory.reservations DROP CONSTRAINT chk_reservations_status;
ALTER TABLE inventory.reservations ADD CONSTRAINT chk_reservations_status
    CHECK (status IN ('active', 'committed', 'released', 'expired', 'returned'));
COMMENT ON COLUMN inventory.reservations.status IS 'active (held), committed (sold), released (given back on request), expired (given back by the expiry job) or returned (sold, then back on sale: a cancelled paid order or a return)';

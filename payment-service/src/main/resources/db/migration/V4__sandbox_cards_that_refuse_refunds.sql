-- A test card whose refunds the sandbox refuses (as a provider's test mode offers one): how a refund the
-- gateway refuses is handled can be tried end to end.
ALTER TABLE payments.sandbox_gateway_operations DROP CONSTRAINT chk_sandbox_gateway_operations_behaviour;
ALTER TABLE payments.sandbox_gateway_operations ADD CONSTRAINT chk_sandbox_gateway_operations_behaviour
    CHECK (card_behaviour IS NULL OR card_behaviour IN ('approve', 'decline', 'insufficient_funds', 'slow_approve',
        'refuse_refunds'));
COMMENT ON COLUMN payments.sandbox_gateway_operations.card_behaviour IS 'Tokenize rows: how the test card answers (approve, decline, insufficient_funds, slow_approve, refuse_refunds: authorizations approved, refunds refused)';

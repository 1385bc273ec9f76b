-- A test card whose first refund of each authorization the sandbox refuses and whose next one it accepts: a refund
-- refused for a passing reason (the shop's balance at the provider, say), which an operator retries to completion.
ALTER TABLE payments.sandbox_gateway_operations DROP CONSTRAINT chk_sandbox_gateway_operations_behaviour;
ALTER TABLE payments.sandbox_gateway_operations ADD CONSTRAINT chk_sandbox_gateway_operations_behaviour
    CHECK (card_behaviour IS NULL OR card_behaviour IN ('approve', 'decline', 'insufficient_funds', 'slow_approve',
        'refuse_refunds', 'refuse_first_refund'));
COMMENT ON COLUMN payments.sandbox_gateway_operations.card_behaviour IS 'Tokenize rows: how the test card answers (approve, decline, insufficient_funds, slow_approve, refuse_refunds: authorizations approved, refunds refused; refuse_first_refund: the first refund of each authorization refused)';

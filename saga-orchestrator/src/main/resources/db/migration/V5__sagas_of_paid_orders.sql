-- An order has more sagas than its fulfilment: a paid order's cancellation, and any number of refunds. Each
-- saga's id is given by the event that asked for it, so a redelivered event finds its saga; an order no longer
-- has at most one saga per type.
ALTER TABLE saga.saga_instances DROP CONSTRAINT uq_saga_instances_saga_type_order_id;
COMMENT ON COLUMN saga.saga_instances.saga_type IS 'order_fulfilment, order_cancellation (a paid order cancelled before it shipped) or order_refund (staff refund of a paid order)';
COMMENT ON COLUMN saga.saga_instances.current_step IS 'The number of the step running or last touched; 0 while the saga waits for the order''s fulfilment to end';
COMMENT ON COLUMN saga.saga_instances.outcome IS 'For a completed saga: fulfilled (went forward to its end: the order fulfilled, cancelled or refunded) or compensated';
-- An order's sagas: those that wait for its fulfilment to end, and what operators look up by order.
CREATE INDEX idx_saga_instances_order_id ON saga.saga_instances (order_id);

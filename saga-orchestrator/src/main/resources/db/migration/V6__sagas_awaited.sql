-- A fulfilment saga knows how many sagas of its order wait for it to end (a paid order's cancellation or a
-- refund asked for while it still captures and sells): only then does its end look for them, so an order
-- that nobody cancels pays no extra query.
ALTER TABLE saga.saga_instances ADD COLUMN awaited_by INTEGER NOT NULL DEFAULT 0;
COMMENT ON COLUMN saga.saga_instances.awaited_by IS 'How many sagas of the order wait for this one to end before they begin';

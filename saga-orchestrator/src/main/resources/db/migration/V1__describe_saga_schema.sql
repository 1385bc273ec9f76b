-- The saga schema belongs to saga-orchestrator alone: no other service reads or writes it (they learn of its
-- changes through Kafka). Flyway creates the schema itself as its owner; this records what it is for.
COMMENT ON SCHEMA saga IS 'saga-orchestrator: Order fulfilment sagas: their state, steps, deadlines and operator actions.';

-- The inventory schema belongs to inventory-service alone: no other service reads or writes it (they learn of its
-- changes through Kafka). Flyway creates the schema itself as its owner; this records what it is for.
COMMENT ON SCHEMA inventory IS 'inventory-service: The product catalogue, stock levels and stock reservations.';

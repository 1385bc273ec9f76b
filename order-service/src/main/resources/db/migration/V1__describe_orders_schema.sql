-- The orders schema belongs to order-service alone: no other service reads or writes it (they learn of its
-- changes through Kafka). Flyway creates the schema itself as its owner; this records what it is for.
COMMENT ON SCHEMA orders IS 'order-service: Orders placed by storefront customers and their lifecycle from placement to delivery.';

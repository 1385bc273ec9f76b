-- The payments schema belongs to payment-service alone: no other service reads or writes it (they learn of its
-- changes through Kafka). Flyway creates the schema itself as its owner; this records what it is for.
COMMENT ON SCHEMA payments IS 'payment-service: Payments: authorization, capture, void and refund through a payment gateway.';

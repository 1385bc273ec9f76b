-- PostgreSQL lets PUBLIC execute every new function. due_reservations runs with its owner's rights across
-- tenants, so only the service role (the expiry job) may call it.
REVOKE EXECUTE ON FUNCTION inventory.due_reservations(TIMESTAMPTZ, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION inventory.due_reservations(TIMESTAMPTZ, INTEGER) TO ${service_role};

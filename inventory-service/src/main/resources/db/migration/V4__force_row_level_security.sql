-- Row-level security binds the tables' owner too (FORCE): a function the owner owns sees only the tenant
-- its transaction entered. The expiry scheduler's list of due reservations crosses tenants (ids only), so
-- its function is owned by cloudlab_platform, the NOLOGIN role with BYPASSRLS
-- (deploy/local/postgres/roles.sql). CREATE only while it changes owner; it keeps it afterwards.
GRANT USAGE, CREATE ON SCHEMA inventory TO cloudlab_platform;
GRANT SELECT ON inventory.reservations TO cloudlab_platform;

ALTER FUNCTION inventory.due_reservations(TIMESTAMPTZ, INTEGER) OWNER TO cloudlab_platform;

REVOKE CREATE ON SCHEMA inventory FROM cloudlab_platform;

ALTER TABLE inventory.products FORCE ROW LEVEL SECURITY;
ALTER TABLE inventory.stock_levels FORCE ROW LEVEL SECURITY;
ALTER TABLE inventory.reservations FORCE ROW LEVEL SECURITY;

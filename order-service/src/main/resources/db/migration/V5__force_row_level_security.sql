-- Row-level security binds the tables' owner too (FORCE): a function the owner owns sees only the tenant
-- its transaction entered. Admission's count of orders in flight crosses tenants (a number only), so its
-- function is owned by cloudlab_platform, the NOLOGIN role with BYPASSRLS (deploy/local/postgres/roles.sql).
-- CREATE only while it changes owner; it keeps it afterwards.
GRANT USAGE, CREATE ON SCHEMA orders TO cloudlab_platform;
GRANT SELECT ON orders.order_summaries TO cloudlab_platform;

ALTER FUNCTION orders.orders_in_flight(INTEGER, INTEGER) OWNER TO cloudlab_platform;

REVOKE CREATE ON SCHEMA orders FROM cloudlab_platform;

ALTER TABLE orders.order_summaries FORCE ROW LEVEL SECURITY;
ALTER TABLE orders.catalogue_products FORCE ROW LEVEL SECURITY;

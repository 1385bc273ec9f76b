-- Cluster-wide roles of the CloudLab platform (seed 001, "Access Control"), created idempotently.
-- Run by deploy/local/up as the postgres superuser. Passwords are set separately, from the environment.
\set ON_ERROR_STOP on

-- Group roles: what a login may do, independent of who it is.
SELECT format('CREATE ROLE %I NOLOGIN', r)
FROM unnest(ARRAY['application_readonly', 'application_readwrite', 'application_admin']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

-- Login roles: the owner that runs migrations, and one role per service that owns nothing.
SELECT format('CREATE ROLE %I LOGIN', r)
FROM unnest(ARRAY['cloudlab_owner', 'order_service', 'inventory_service', 'payment_service',
                  'saga_orchestrator']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

-- The platform role owns the few functions that work across tenants (the append path, the change feed,
-- schedulers' lists, key rotation): row-level security is FORCEd on every tenant table, so the owner sees
-- one tenant at a time like everyone else. NOLOGIN: nobody connects as it. The owner is a member, so
-- migrations can hand it those functions (and an operator's session as the owner can SET ROLE to it).
SELECT 'CREATE ROLE cloudlab_platform NOLOGIN BYPASSRLS'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cloudlab_platform') \gexec
ALTER ROLE cloudlab_platform NOLOGIN BYPASSRLS;
ALTER ROLE cloudlab_owner NOBYPASSRLS;

GRANT application_admin TO cloudlab_owner;
GRANT cloudlab_platform TO cloudlab_owner;
GRANT application_readwrite TO order_service, inventory_service, payment_service, saga_orchestrator;
-- The owner reads pg_stat_statements and pg_stat_activity for the health and slow-query views.
GRANT pg_monitor TO cloudlab_owner;

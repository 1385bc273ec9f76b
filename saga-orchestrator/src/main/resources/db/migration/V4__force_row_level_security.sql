-- Row-level security binds the tables' owner too (FORCE): a function the owner owns sees only the tenant
-- its transaction entered. The functions that list sagas across tenants (ids and counts only) are owned by
-- cloudlab_platform, the NOLOGIN role with BYPASSRLS (deploy/local/postgres/roles.sql). CREATE only while
-- they change owner; they keep it afterwards.
GRANT USAGE, CREATE ON SCHEMA saga TO cloudlab_platform;
-- UPDATE because due_sagas locks its rows (FOR UPDATE needs it); the function itself changes nothing.
GRANT SELECT, UPDATE ON saga.saga_instances TO cloudlab_platform;

ALTER FUNCTION saga.due_sagas(TIMESTAMPTZ, INTEGER) OWNER TO cloudlab_platform;
ALTER FUNCTION saga.tenant_of_saga(UUID) OWNER TO cloudlab_platform;
ALTER FUNCTION saga.saga_summaries(UUID, TEXT, TEXT, TIMESTAMPTZ, BOOLEAN, TIMESTAMPTZ, UUID, INTEGER)
    OWNER TO cloudlab_platform;
ALTER FUNCTION saga.sagas_past_deadline(INTERVAL) OWNER TO cloudlab_platform;

REVOKE CREATE ON SCHEMA saga FROM cloudlab_platform;

ALTER TABLE saga.saga_instances FORCE ROW LEVEL SECURITY;
ALTER TABLE saga.saga_steps FORCE ROW LEVEL SECURITY;

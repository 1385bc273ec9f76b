-- What each service role (and the read-only group) may do in the platform's database, one line per role and
-- object: table and sequence privileges, function EXECUTE, schema USAGE and CREATE. Privileges through group
-- roles and PUBLIC count (has_*_privilege). Monthly event partitions are folded into one line: no service role may
-- have any privilege on a partition (reading one directly would pass by the parent's row-level security).
-- The platform role (cloudlab_platform, BYPASSRLS) is listed with the functions it owns: those are all that
-- cross tenants. Then which tables have row-level security, forced or not, and which roles bypass it.
-- The system test compares the output with deploy/system/privileges.allowed.
WITH roles(r) AS (
    VALUES ('order_service'), ('inventory_service'), ('payment_service'), ('saga_orchestrator'), ('application_readonly'),
           ('cloudlab_platform')
), schemas AS (
    SELECT n.oid, n.nspname FROM pg_namespace n
    WHERE n.nspname IN ('event_store', 'event_store_archive', 'orders', 'inventory', 'payments', 'saga', 'public')
), relations AS (
    SELECT c.oid, c.relkind,
           s.nspname || '.' || regexp_replace(c.relname, '^events_[0-9]{4}_[0-9]{2}$', 'events_YYYY_MM') AS name
    FROM pg_class c JOIN schemas s ON s.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
), lines AS (
    SELECT r, 'schema ' || s.nspname AS object, p AS privilege
    FROM roles, schemas s, unnest(ARRAY['USAGE', 'CREATE']) p
    WHERE has_schema_privilege(r, s.oid, p)
    UNION
    SELECT r, 'table ' || t.name, p
    FROM roles, relations t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
    WHERE t.relkind <> 'S' AND has_table_privilege(r, t.oid, p)
    UNION
    SELECT r, 'sequence ' || t.name, p
    FROM roles, relations t, unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) p
    WHERE t.relkind = 'S' AND has_sequence_privilege(r, t.oid, p)
    UNION
    SELECT r, 'function ' || f.oid::regprocedure::text, 'EXECUTE'
    FROM roles, pg_proc f JOIN schemas s ON s.oid = f.pronamespace
    WHERE has_function_privilege(r, f.oid, 'EXECUTE')
    UNION
    SELECT 'cloudlab_platform', 'function ' || f.oid::regprocedure::text, 'OWNER'
    FROM pg_proc f JOIN schemas s ON s.oid = f.pronamespace
    WHERE f.proowner = 'cloudlab_platform'::regrole
    UNION
    SELECT 'row_level_security', 'table ' || t.name, CASE WHEN c.relforcerowsecurity THEN 'FORCED' ELSE 'NOT_FORCED' END
    FROM relations t JOIN pg_class c ON c.oid = t.oid
    WHERE c.relrowsecurity
    UNION
    SELECT 'role', rolname, 'BYPASSRLS' FROM pg_roles WHERE rolbypassrls AND NOT rolsuper
)
SELECT r || ' ' || object || ' ' || string_agg(privilege, ',' ORDER BY privilege)
FROM lines GROUP BY r, object ORDER BY 1;

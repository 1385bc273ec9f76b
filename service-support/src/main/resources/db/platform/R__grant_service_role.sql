-- Grants the service's login role what it needs on its own schema, and nothing more.
--
-- Every service runs its migrations as the schema owner (cloudlab_owner) and serves requests as its own
-- role (order_service, ...), which owns nothing: it cannot change the schema, and row-level security
-- policies apply to it (PostgreSQL exempts a table's owner from them). Repeatable, so it runs after the
-- versioned migrations of a fresh database and covers the tables they created; the default privileges
-- cover every table a later migration adds.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${service_role}, application_readonly;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${service_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${service_role};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${flyway:defaultSchema} TO ${service_role};
GRANT SELECT ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO application_readonly;
-- The platform role (NOLOGIN, BYPASSRLS) reads every tenant's rows: its functions list what crosses
-- tenants, and the owner acts as it (SET ROLE) to read across tenants, since row-level security is FORCEd.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO cloudlab_platform;
GRANT SELECT ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO cloudlab_platform;

ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT USAGE, SELECT ON SEQUENCES TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT EXECUTE ON FUNCTIONS TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT SELECT ON TABLES TO application_readonly, cloudlab_platform;

-- PUBLIC may execute every new function unless revoked: the schema's functions are the service's alone (its
-- owner functions read across tenants).
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${flyway:defaultSchema} FROM PUBLIC;

-- The migration history is the owner's: the service may read which migrations ran, never rewrite them.
REVOKE INSERT, UPDATE, DELETE ON ${flyway:defaultSchema}.flyway_schema_history FROM ${service_role};

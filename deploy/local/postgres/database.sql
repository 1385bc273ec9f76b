-- One CloudLab database (psql -v db=NAME), created idempotently by deploy/local/up as the superuser.
\set ON_ERROR_STOP on

SELECT format('CREATE DATABASE %I OWNER cloudlab_owner', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec

-- Only the platform's roles may connect.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO application_readonly, application_readwrite;
GRANT ALL PRIVILEGES ON DATABASE :"db" TO application_admin;

\connect :"db"
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
-- The extension lets PUBLIC read its statistics; only the owner's health function (as a pg_monitor member) needs them.
REVOKE ALL ON public.pg_stat_statements, public.pg_stat_statements_info FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION public.pg_stat_statements(boolean), public.pg_stat_statements_info() FROM PUBLIC;
GRANT SELECT ON public.pg_stat_statements, public.pg_stat_statements_info TO cloudlab_owner;
GRANT EXECUTE ON FUNCTION public.pg_stat_statements(boolean), public.pg_stat_statements_info() TO cloudlab_owner;
-- Services get their own schemas; nobody creates objects in public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

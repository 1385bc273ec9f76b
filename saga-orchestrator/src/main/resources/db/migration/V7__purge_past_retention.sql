-- Retention of the orchestrator's own rows (seed 000 and 001: order data 7 years): a saga that ended over 7 years
-- ago is deleted with its steps (ON DELETE CASCADE); a live or failed-for-an-operator saga never is. Run with the
-- event store's partition maintenance (cloudlab.event-store.partitions.own-tables-purge), in every tenant, so
-- owned by cloudlab_platform.
CREATE FUNCTION saga.purge_past_retention()
RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT := 0;
    v_rows BIGINT;
BEGIN
    WITH purged AS (DELETE FROM saga.saga_instances WHERE status = 'completed' AND completed_at < now() - INTERVAL '7 years' RETURNING 1)
    SELECT count(*) INTO v_rows FROM purged;
    v_purged := v_purged + v_rows;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION saga.purge_past_retention() IS 'Deletes this schema''s rows past their retention (7 years), in every tenant; answers how many';

REVOKE EXECUTE ON FUNCTION saga.purge_past_retention() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION saga.purge_past_retention() TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA saga TO cloudlab_platform;
GRANT DELETE ON saga.saga_instances, saga.saga_steps TO cloudlab_platform;
ALTER FUNCTION saga.purge_past_retention() OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA saga FROM cloudlab_platform;

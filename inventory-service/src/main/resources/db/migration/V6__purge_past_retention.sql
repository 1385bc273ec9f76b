-- Retention of inventory-service's own rows (seed 000 and 001: order data 7 years): an order's reservation that
-- ended (committed, released, expired, returned) over 7 years ago is deleted; a hold still active never is. Run
-- with the event store's partition maintenance (cloudlab.event-store.partitions.own-tables-purge), in every
-- tenant, so owned by cloudlab_platform. Products and their stock are the shop's, kept.
CREATE FUNCTION inventory.purge_past_retention()
RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT := 0;
    v_rows BIGINT;
BEGIN
    WITH purged AS (DELETE FROM inventory.reservations WHERE status <> 'active' AND updated_at < now() - INTERVAL '7 years' RETURNING 1)
    SELECT count(*) INTO v_rows FROM purged;
    v_purged := v_purged + v_rows;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION inventory.purge_past_retention() IS 'Deletes this schema''s rows past their retention (7 years), in every tenant; answers how many';

REVOKE EXECUTE ON FUNCTION inventory.purge_past_retention() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION inventory.purge_past_retention() TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA inventory TO cloudlab_platform;
GRANT DELETE ON inventory.reservations TO cloudlab_platform;
ALTER FUNCTION inventory.purge_past_retention() OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA inventory FROM cloudlab_platform;

-- Retention of order-service's own rows (seed 000: user data 7 years; seed 001: order data 7 years): an order's
-- summary whose order last changed over 7 years ago is deleted. Run with the event store's partition maintenance
-- (cloudlab.event-store.partitions.own-tables-purge), in every tenant, so owned by cloudlab_platform; the order's
-- events follow the event store's own retention. The tenant registry is kept: it is no customer's data.
CREATE FUNCTION orders.purge_past_retention()
RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT := 0;
    v_rows BIGINT;
BEGIN
    WITH purged AS (DELETE FROM orders.order_summaries WHERE updated_at < now() - INTERVAL '7 years' RETURNING 1)
    SELECT count(*) INTO v_rows FROM purged;
    v_purged := v_purged + v_rows;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION orders.purge_past_retention() IS 'Deletes this schema''s rows past their retention (7 years), in every tenant; answers how many';

REVOKE EXECUTE ON FUNCTION orders.purge_past_retention() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orders.purge_past_retention() TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA orders TO cloudlab_platform;
GRANT DELETE ON orders.order_summaries TO cloudlab_platform;
ALTER FUNCTION orders.purge_past_retention() OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA orders FROM cloudlab_platform;

-- Retention of payment-service's own rows (seed 000: transaction data 10 years, financial compliance): a payment
-- that last changed over 10 years ago is deleted, and so is a sandbox gateway operation. Run with the event
-- store's partition maintenance (cloudlab.event-store.partitions.own-tables-purge), in every tenant, so owned by
-- cloudlab_platform. Deleted payment methods go sooner (V5: 30 days after their deletion).
CREATE FUNCTION payments.purge_past_retention()
RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT := 0;
    v_rows BIGINT;
BEGIN
    WITH purged AS (DELETE FROM payments.payments WHERE updated_at < now() - INTERVAL '10 years' RETURNING 1)
    SELECT count(*) INTO v_rows FROM purged;
    v_purged := v_purged + v_rows;
    WITH purged AS (DELETE FROM payments.sandbox_gateway_operations WHERE updated_at < now() - INTERVAL '10 years' RETURNING 1)
    SELECT count(*) INTO v_rows FROM purged;
    v_purged := v_purged + v_rows;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION payments.purge_past_retention() IS 'Deletes this schema''s rows past their retention (10 years), in every tenant; answers how many';

REVOKE EXECUTE ON FUNCTION payments.purge_past_retention() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payments.purge_past_retention() TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA payments TO cloudlab_platform;
GRANT DELETE ON payments.payments, payments.sandbox_gateway_operations TO cloudlab_platform;
GRANT SELECT ON payments.sandbox_gateway_operations TO cloudlab_platform;
ALTER FUNCTION payments.purge_past_retention() OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA payments FROM cloudlab_platform;

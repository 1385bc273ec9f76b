-- Right to erasure (seed 000: "hard delete after soft delete period"): a payment method deleted longer ago than
-- the soft-delete period is removed for good. Payments made with it keep their own record (method id, brand,
-- last four). The purge crosses tenants, so its function is owned by cloudlab_platform (BYPASSRLS), which may
-- delete deleted methods and nothing else; it refuses a cut-off less than 30 days back, whatever a caller passes.
CREATE FUNCTION payments.purge_deleted_payment_methods(p_deleted_before TIMESTAMPTZ)
RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_purged BIGINT;
BEGIN
    IF p_deleted_before IS NULL OR p_deleted_before > now() - INTERVAL '30 days' THEN
        RAISE EXCEPTION 'deleted payment methods are kept 30 days (the soft-delete period), not only since %',
            p_deleted_before USING ERRCODE = '22023';
    END IF;
    WITH purged AS (DELETE FROM payments.payment_methods
                    WHERE deleted_at IS NOT NULL AND deleted_at < p_deleted_before RETURNING 1)
    SELECT count(*) INTO v_purged FROM purged;
    RETURN v_purged;
END
$$;
COMMENT ON FUNCTION payments.purge_deleted_payment_methods(TIMESTAMPTZ) IS
    'Hard-deletes payment methods soft-deleted before the cut-off (at least 30 days back), in every tenant';

REVOKE EXECUTE ON FUNCTION payments.purge_deleted_payment_methods(TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payments.purge_deleted_payment_methods(TIMESTAMPTZ) TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA payments TO cloudlab_platform;
GRANT DELETE ON payments.payment_methods TO cloudlab_platform;
ALTER FUNCTION payments.purge_deleted_payment_methods(TIMESTAMPTZ) OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA payments FROM cloudlab_platform;

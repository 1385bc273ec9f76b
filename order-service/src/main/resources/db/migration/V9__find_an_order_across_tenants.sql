-- A platform operator looks an order up by its id or its number without knowing its shop (the operator console's
-- order page): the one read across tenants, so its function is owned by cloudlab_platform (BYPASSRLS) and answers
-- nothing but where the order is. What the order holds is then read in its tenant, under row-level security.
CREATE FUNCTION orders.find_order(p_reference TEXT)
RETURNS TABLE (order_id UUID, tenant_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.order_id, s.tenant_id FROM orders.order_summaries s
    WHERE s.order_number = p_reference
       -- A CASE, not AND: SQL does not promise to test the pattern before it casts.
       OR s.order_id = CASE WHEN p_reference ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                            THEN p_reference::uuid END
    LIMIT 1
$$;
COMMENT ON FUNCTION orders.find_order(TEXT) IS 'The order of this id or number and its tenant, in any tenant: for platform operators';

REVOKE EXECUTE ON FUNCTION orders.find_order(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orders.find_order(TEXT) TO ${service_role};

GRANT USAGE, CREATE ON SCHEMA orders TO cloudlab_platform;
GRANT SELECT (order_id, tenant_id, order_number) ON orders.order_summaries TO cloudlab_platform;
ALTER FUNCTION orders.find_order(TEXT) OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA orders FROM cloudlab_platform;

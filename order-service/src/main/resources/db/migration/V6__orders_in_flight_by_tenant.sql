-- Admission by tenant: one shop's flash sale must refuse that shop's orders before anyone else's, so the count
-- of orders in flight comes per tenant (the tenants with orders pending in the window, a handful of rows),
-- and the service judges a request by its tenant's late orders as well as by the platform's.
-- It replaces orders_in_flight (the platform's figures are the sums). It crosses tenants and returns numbers
-- only, so it belongs to cloudlab_platform like the function it replaces.

CREATE FUNCTION orders.orders_in_flight_by_tenant(p_window_seconds INTEGER, p_late_seconds INTEGER)
RETURNS TABLE (tenant_id UUID, in_flight BIGINT, late BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog
AS $$
    SELECT s.tenant_id, count(*), count(*) FILTER (WHERE s.created_at < now() - make_interval(secs => p_late_seconds))
    FROM orders.order_summaries s
    WHERE s.status = 'pending_payment' AND s.created_at > now() - make_interval(secs => p_window_seconds)
    GROUP BY s.tenant_id
$$;
COMMENT ON FUNCTION orders.orders_in_flight_by_tenant(INTEGER, INTEGER) IS
    'Per tenant with orders pending: orders placed in the last p_window_seconds and still pending_payment, and '
    'how many of them were placed more than p_late_seconds ago (admission control)';

REVOKE EXECUTE ON FUNCTION orders.orders_in_flight_by_tenant(INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orders.orders_in_flight_by_tenant(INTEGER, INTEGER) TO ${service_role};

GRANT CREATE ON SCHEMA orders TO cloudlab_platform;
ALTER FUNCTION orders.orders_in_flight_by_tenant(INTEGER, INTEGER) OWNER TO cloudlab_platform;
REVOKE CREATE ON SCHEMA orders FROM cloudlab_platform;

DROP FUNCTION orders.orders_in_flight(INTEGER, INTEGER);

COMMENT ON INDEX orders.idx_order_summaries_created_at IS
    'Pending orders by placement time, for orders_in_flight_by_tenant (partial: status pending_payment)';

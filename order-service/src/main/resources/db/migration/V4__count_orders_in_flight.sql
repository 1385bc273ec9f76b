-- Orders in flight: placed, not yet paid nor rejected, within a recent window, and how many of them have
-- waited longer than they should. order-service refuses new orders (503 with Retry-After) while too many are
-- late (io.cloudlab.order.admission).
--
-- Why: past the platform's capacity every order accepted adds to a queue in front of the saga's steps, the
-- steps time out and are sent again, and sagas end compensated or failed for an operator (deploy/chaos/run at
-- 20 orders/s on 2 cores: 4,058 compensated, 641 failed after payment of 6,079; docs/performance.md). Refusing
-- at the door keeps the orders already accepted within their deadlines.
--
-- The count crosses tenants, so it is the owner's function (row-level security hides other tenants' rows from
-- the service's role) and returns numbers only. Orders pending for longer than the window are not in flight:
-- their sagas are stuck or failed, an operator's business (GET /sagas/stuck), and must not close the shop.

-- Partial: only pending orders, a few hundred rows however many orders the table holds.
CREATE INDEX idx_order_summaries_created_at ON orders.order_summaries (created_at)
    WHERE status = 'pending_payment';

CREATE FUNCTION orders.orders_in_flight(p_window_seconds INTEGER, p_late_seconds INTEGER)
RETURNS TABLE (in_flight BIGINT, late BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog
AS $$
    SELECT count(*), count(*) FILTER (WHERE created_at < now() - make_interval(secs => p_late_seconds))
    FROM orders.order_summaries
    WHERE status = 'pending_payment' AND created_at > now() - make_interval(secs => p_window_seconds)
$$;

COMMENT ON INDEX orders.idx_order_summaries_created_at IS
    'Pending orders by placement time, for orders_in_flight (partial: status pending_payment)';
COMMENT ON FUNCTION orders.orders_in_flight(INTEGER, INTEGER) IS
    'Orders of every tenant placed in the last p_window_seconds and still pending_payment, and how many of them '
    'were placed more than p_late_seconds ago (admission control)';

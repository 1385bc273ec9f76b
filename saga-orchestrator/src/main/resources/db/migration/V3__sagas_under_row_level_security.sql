-- Sagas are tenant data like orders and payments: row-level security by tenant on both tables, so a query
-- that forgets its tenant still sees only the tenant its transaction entered (app.current_tenant_id).
-- saga_steps gains the tenant of its saga for its own policy (a policy that joins to saga_instances would
-- cost a lookup per row).

ALTER TABLE saga.saga_steps ADD COLUMN tenant_id UUID;
UPDATE saga.saga_steps s SET tenant_id = i.tenant_id FROM saga.saga_instances i WHERE i.saga_id = s.saga_id;
ALTER TABLE saga.saga_steps ALTER COLUMN tenant_id SET NOT NULL;
COMMENT ON COLUMN saga.saga_steps.tenant_id IS 'Tenant of the saga (row-level security)';

ALTER TABLE saga.saga_instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE saga.saga_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON saga.saga_instances
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation_policy ON saga.saga_steps
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

-- What crosses tenants, each with its owner's rights and returning ids only; the caller then works on each
-- saga inside that saga's tenant.

-- The deadline scheduler: live sagas whose deadline passed, locked for the calling transaction (another
-- orchestrator instance skips them: SKIP LOCKED).
CREATE FUNCTION saga.due_sagas(p_now TIMESTAMPTZ, p_limit INTEGER)
    RETURNS TABLE (saga_id UUID, tenant_id UUID)
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.saga_id, i.tenant_id FROM saga.saga_instances i
    WHERE i.status IN ('started', 'compensating') AND i.deadline_at <= p_now
    ORDER BY i.deadline_at LIMIT p_limit
    FOR UPDATE SKIP LOCKED
$$;
COMMENT ON FUNCTION saga.due_sagas(TIMESTAMPTZ, INTEGER) IS
    'Live sagas of every tenant past their deadline, locked SKIP LOCKED (for the deadline scheduler; ids only)';

-- A platform operator names a saga by id alone: whose is it?
CREATE FUNCTION saga.tenant_of_saga(p_saga_id UUID)
    RETURNS UUID
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.tenant_id FROM saga.saga_instances i WHERE i.saga_id = p_saga_id
$$;
COMMENT ON FUNCTION saga.tenant_of_saga(UUID) IS 'The tenant of a saga, for platform operators'' requests; NULL when there is none';

-- The operators' list, newest first, keyset-paged: of one tenant (p_tenant_id), or of all for a platform
-- operator (NULL). The tenant is checked here, explicitly, since the owner's rights pass row-level security.
CREATE FUNCTION saga.saga_summaries(p_tenant_id UUID, p_saga_type TEXT, p_status TEXT, p_created_before TIMESTAMPTZ,
                                    p_stuck BOOLEAN, p_after_created_at TIMESTAMPTZ, p_after_saga_id UUID,
                                    p_limit INTEGER)
    RETURNS TABLE (saga_id UUID, saga_type TEXT, status TEXT, outcome TEXT, order_id UUID, tenant_id UUID,
                   current_step INTEGER, failure_reason TEXT, deadline_at TIMESTAMPTZ, created_at TIMESTAMPTZ,
                   updated_at TIMESTAMPTZ)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.saga_id, i.saga_type::TEXT, i.status::TEXT, i.outcome::TEXT, i.order_id, i.tenant_id, i.current_step,
           i.failure_reason, i.deadline_at, i.created_at, i.updated_at
    FROM saga.saga_instances i
    WHERE (p_tenant_id IS NULL OR i.tenant_id = p_tenant_id)
      AND (p_saga_type IS NULL OR i.saga_type = p_saga_type)
      AND (p_status IS NULL OR i.status = p_status)
      AND (p_created_before IS NULL OR i.created_at < p_created_before)
      AND (NOT p_stuck OR (i.status IN ('started', 'compensating') AND i.deadline_at < now()) OR i.status = 'failed')
      AND (p_after_created_at IS NULL OR (i.created_at, i.saga_id) < (p_after_created_at, p_after_saga_id))
    ORDER BY i.created_at DESC, i.saga_id DESC
    LIMIT p_limit
$$;
COMMENT ON FUNCTION saga.saga_summaries IS
    'Sagas of one tenant (or of all, for platform operators) by type, status and age, newest first, keyset-paged';

-- New functions are executable by PUBLIC unless revoked: only the service's role may call these.
REVOKE EXECUTE ON FUNCTION saga.due_sagas(TIMESTAMPTZ, INTEGER), saga.tenant_of_saga(UUID),
    saga.saga_summaries(UUID, TEXT, TEXT, TIMESTAMPTZ, BOOLEAN, TIMESTAMPTZ, UUID, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION saga.due_sagas(TIMESTAMPTZ, INTEGER), saga.tenant_of_saga(UUID),
    saga.saga_summaries(UUID, TEXT, TEXT, TIMESTAMPTZ, BOOLEAN, TIMESTAMPTZ, UUID, INTEGER) TO ${service_role};

-- The scheduler's backlog gauge: live sagas of every tenant overdue by more than p_grace (a number only).
CREATE FUNCTION saga.sagas_past_deadline(p_grace INTERVAL)
    RETURNS BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*) FROM saga.saga_instances i
    WHERE i.status IN ('started', 'compensating') AND i.deadline_at < now() - p_grace
$$;
COMMENT ON FUNCTION saga.sagas_past_deadline(INTERVAL) IS 'How many live sagas of every tenant are overdue by more than p_grace (a gauge)';
REVOKE EXECUTE ON FUNCTION saga.sagas_past_deadline(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION saga.sagas_past_deadline(INTERVAL) TO ${service_role};

-- The tenant registry (seed 001's tenants table): the platform's shops as records, owned by order-service, the
-- storefront's front door, whose orders a shop's settings (its default currency) govern. Platform operators
-- create, suspend and resume them. Rows are platform data, not a tenant's: no row-level security; only
-- order-service writes them. seed 001's schema_name is left out: every tenant shares the services' schemas,
-- kept apart by row-level security, and is_active is a status (active, suspended) with room for more.
CREATE TABLE orders.tenants (
    tenant_id        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_name      VARCHAR(255) NOT NULL,
    status           VARCHAR(20)  NOT NULL DEFAULT 'active',
    default_currency CHAR(3)      NOT NULL,
    settings         JSONB        NOT NULL DEFAULT '{}',
    status_reason    TEXT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT uq_tenants_tenant_name UNIQUE (tenant_name),
    CONSTRAINT chk_tenants_status CHECK (status IN ('active', 'suspended')),
    CONSTRAINT chk_tenants_default_currency CHECK (default_currency ~ '^[A-Z]{3}$')
);
COMMENT ON TABLE orders.tenants IS 'The platform''s shops (seed 001 tenants): created, suspended and resumed by platform operators';
COMMENT ON COLUMN orders.tenants.tenant_id IS 'The tenant, as tokens'' tenant_id claim names it';
COMMENT ON COLUMN orders.tenants.tenant_name IS 'The shop''s name, unique on the platform';
COMMENT ON COLUMN orders.tenants.status IS 'active, or suspended: every service refuses its tokens (403 tenant-suspended)';
COMMENT ON COLUMN orders.tenants.default_currency IS 'ISO 4217 code the shop sells in unless a product says otherwise';
COMMENT ON COLUMN orders.tenants.settings IS 'Tenant-specific configuration settings (a JSON object)';
COMMENT ON COLUMN orders.tenants.status_reason IS 'Why it was last suspended or resumed, as the operator said';
COMMENT ON COLUMN orders.tenants.created_at IS 'When it was created';
COMMENT ON COLUMN orders.tenants.updated_at IS 'When it last changed';

-- Every service refuses a suspended tenant's tokens: each reads the suspended tenants' ids (ids only) through
-- this function every few seconds. The other services' roles may call it and nothing else of the schema.
CREATE FUNCTION orders.suspended_tenants()
RETURNS SETOF UUID
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT tenant_id FROM orders.tenants WHERE status = 'suspended'
$$;
COMMENT ON FUNCTION orders.suspended_tenants() IS 'The ids of the suspended tenants, for every service to refuse their tokens';
REVOKE EXECUTE ON FUNCTION orders.suspended_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orders.suspended_tenants() TO ${service_role};
DO $$
DECLARE
    v_role TEXT;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['inventory_service', 'payment_service', 'saga_orchestrator'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
            EXECUTE format('GRANT USAGE ON SCHEMA orders TO %I', v_role);
            EXECUTE format('GRANT EXECUTE ON FUNCTION orders.suspended_tenants() TO %I', v_role);
        END IF;
    END LOOP;
END
$$;

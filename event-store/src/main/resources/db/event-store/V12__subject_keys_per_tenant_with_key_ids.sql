-- Subject keys belong to a (tenant, subject) pair, not to a subject alone: two tenants may well name a
-- customer "alice" with the same id, and each gets its own key, erased on its own.
-- Each wrapped key also names the key-encryption key that wrapped it (kek_id), so the KEK can rotate: a new
-- one wraps new keys at once, and a rewrap moves the old ones over while both are configured.

ALTER TABLE event_store.subject_keys DROP CONSTRAINT subject_keys_pkey;
ALTER TABLE event_store.subject_keys ADD CONSTRAINT pk_subject_keys PRIMARY KEY (tenant_id, subject_id);
ALTER TABLE event_store.subject_keys ADD COLUMN kek_id VARCHAR(64);
COMMENT ON COLUMN event_store.subject_keys.tenant_id IS 'The tenant the subject belongs to; the same subject id in another tenant is another person with another key';
COMMENT ON COLUMN event_store.subject_keys.kek_id IS
    'Id of the key-encryption key that wrapped key_material; NULL for keys wrapped before ids existed (by the active key, bound to the subject id only)';
COMMENT ON COLUMN event_store.subject_keys.key_material IS
    'AES-256 key, itself encrypted (AES-256-GCM, bound to kek_id, tenant and subject) with the key-encryption key kek_id names; NULL once erased';

DROP FUNCTION event_store.subject_key_for_write(UUID, UUID, BYTEA);
DROP FUNCTION event_store.subject_keys_for_read(UUID[]);

-- A writer's key: created on first use for this tenant's subject (wrapped by the writer's active KEK).
CREATE FUNCTION event_store.subject_key_for_write(p_tenant_id UUID, p_subject_id UUID, p_new_key BYTEA, p_kek_id TEXT)
    RETURNS TABLE (key_material BYTEA, kek_id TEXT, erased BOOLEAN)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    INSERT INTO event_store.subject_keys (tenant_id, subject_id, key_material, kek_id)
    VALUES (p_tenant_id, p_subject_id, p_new_key, p_kek_id)
    ON CONFLICT (tenant_id, subject_id) DO NOTHING;
    RETURN QUERY SELECT k.key_material, k.kek_id::TEXT, k.erased_at IS NOT NULL
                 FROM event_store.subject_keys k WHERE k.tenant_id = p_tenant_id AND k.subject_id = p_subject_id;
END
$$;
COMMENT ON FUNCTION event_store.subject_key_for_write IS 'The key of a subject of this tenant, created on first use; erased reads as no key';

-- Keys for readers of the whole store (the subscriptions' path): by (tenant, subject) pairs.
CREATE FUNCTION event_store.subject_keys_for_read(p_tenant_ids UUID[], p_subject_ids UUID[])
    RETURNS TABLE (tenant_id UUID, subject_id UUID, key_material BYTEA, kek_id TEXT, erased BOOLEAN)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT k.tenant_id, k.subject_id, k.key_material, k.kek_id::TEXT, k.erased_at IS NOT NULL
    FROM unnest(p_tenant_ids, p_subject_ids) AS w(tenant_id, subject_id)
    JOIN event_store.subject_keys k ON k.tenant_id = w.tenant_id AND k.subject_id = w.subject_id
$$;
COMMENT ON FUNCTION event_store.subject_keys_for_read IS 'Wrapped keys of (tenant, subject) pairs of any tenant, for the store''s readers';

-- Key rotation, step by step: the wrapped keys not yet under the active KEK, a page at a time ...
CREATE FUNCTION event_store.subject_keys_to_rewrap(p_active_kek_id TEXT, p_after_tenant_id UUID,
                                                   p_after_subject_id UUID, p_limit INTEGER)
    RETURNS TABLE (tenant_id UUID, subject_id UUID, key_material BYTEA, kek_id TEXT)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT k.tenant_id, k.subject_id, k.key_material, k.kek_id::TEXT
    FROM event_store.subject_keys k
    WHERE k.key_material IS NOT NULL AND k.kek_id IS DISTINCT FROM p_active_kek_id
      AND (k.tenant_id, k.subject_id) > (p_after_tenant_id, p_after_subject_id)
    ORDER BY k.tenant_id, k.subject_id
    LIMIT p_limit
$$;
COMMENT ON FUNCTION event_store.subject_keys_to_rewrap IS 'A page (after a tenant and subject) of live subject keys wrapped by another KEK than the active one';

-- ... and each one replaced by its rewrap, only if nobody changed or erased it in between.
CREATE FUNCTION event_store.rewrap_subject_key(p_tenant_id UUID, p_subject_id UUID, p_old_kek_id TEXT,
                                               p_new_key BYTEA, p_new_kek_id TEXT)
    RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE event_store.subject_keys
    SET key_material = p_new_key, kek_id = p_new_kek_id, updated_at = now()
    WHERE tenant_id = p_tenant_id AND subject_id = p_subject_id AND key_material IS NOT NULL
      AND kek_id IS NOT DISTINCT FROM p_old_kek_id;
    RETURN FOUND;
END
$$;
COMMENT ON FUNCTION event_store.rewrap_subject_key IS 'Replaces one subject key''s wrapping, if it is still the one read';

REVOKE EXECUTE ON FUNCTION event_store.subject_key_for_write, event_store.subject_keys_for_read,
    event_store.subject_keys_to_rewrap, event_store.rewrap_subject_key FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.subject_key_for_write, event_store.subject_keys_for_read,
    event_store.subject_keys_to_rewrap, event_store.rewrap_subject_key TO application_readwrite;

-- The figures that say whether two copies of a platform database hold the same data: written into a
-- backup's manifest at backup time (in pg_dump's own snapshot) and computed again on a restored copy by
-- verify-restore. Loaded by deploy/ops/lib/ops.sh (figures) into a transaction that is rolled back, so
-- the function lives only in this session's pg_temp.
--
-- Must run as a superuser: row-level security (event_store.streams, events, snapshots, subject_keys,
-- idempotency_keys, the services' tenant tables) is FORCEd, so it binds even the tables' owner and would
-- hide rows. row_security = off below makes a role to which a policy WOULD apply fail loudly ("query would
-- be affected by row-level security policy") instead of counting part of a table. The security section
-- reports the flags.
--
-- Text forms are pinned (UTC, ISO dates, shortest exact floats) so digests do not depend on the session.

CREATE FUNCTION pg_temp.cloudlab_figures() RETURNS jsonb
    LANGUAGE plpgsql
    SET row_security = off
    SET "TimeZone" = 'UTC'
    SET "DateStyle" = 'ISO, YMD'
    SET "IntervalStyle" = 'postgres'
    SET extra_float_digits = 1
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_tables     jsonb := '{}';
    v_partitions jsonb := '{}';
    v_invariants jsonb := '{}';
    v_security   jsonb := '{}';
    v_settings   jsonb;
    v_acl        jsonb;
    v_rel        record;
    v_rows       bigint;
    v_digest     text;
    v_fig        jsonb;
    v_inv        record;
    v_erased     bigint;
BEGIN
    -- Event partitions: attached ones (children of event_store.events) and detached ones kept in
    -- event_store_archive. One ordered checksum each: an event lost, added, changed or renumbered in a
    -- partition changes it. Per partition, so string_agg holds 32 bytes per event of one month only.
    FOR v_rel IN
        SELECT c.oid, n.nspname, c.relname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r'
          AND ((to_regclass('event_store.events') IS NOT NULL
                AND c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass('event_store.events')))
               OR n.nspname = 'event_store_archive')
        ORDER BY 2, 3
    LOOP
        EXECUTE format(
            'SELECT jsonb_build_object(''rows'', count(*), ''min_position'', min(position), ''max_position'', max(position),
                    ''checksum'', md5(coalesce(string_agg(md5(concat_ws(''|'', event_id, aggregate_id, aggregate_type,
                        event_version, event_type, schema_version, event_data::text, metadata::text, tenant_id, position,
                        transaction_id, stream_created_at, created_at)), '''' ORDER BY position, event_id), '''')))
             FROM %I.%I', v_rel.nspname, v_rel.relname)
        INTO v_fig;
        v_partitions := v_partitions || jsonb_build_object(v_rel.nspname || '.' || v_rel.relname, v_fig);
    END LOOP;

    -- Every table of every platform schema: row count, and (except event partitions, checksummed above,
    -- and partitioned parents, which are the sum of their partitions) an order-independent digest of the
    -- rows' text, so a changed value is found, not only a missing row.
    FOR v_rel IN
        SELECT c.oid, c.relkind, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype = 'e')
        ORDER BY 3, 4
    LOOP
        IF v_rel.relkind = 'p' OR v_partitions ? (v_rel.nspname || '.' || v_rel.relname) THEN
            EXECUTE format('SELECT count(*) FROM %I.%I', v_rel.nspname, v_rel.relname) INTO v_rows;
            v_digest := NULL;
        ELSE
            -- Sum of the first 60 bits of each row's md5: order-independent and constant memory.
            EXECUTE format('SELECT count(*), coalesce(sum((''x'' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text
                            FROM %I.%I t', v_rel.nspname, v_rel.relname)
            INTO v_rows, v_digest;
        END IF;
        v_tables := v_tables || jsonb_build_object(v_rel.nspname || '.' || v_rel.relname,
            jsonb_strip_nulls(jsonb_build_object('rows', v_rows, 'digest', v_digest)));
        IF v_rel.relrowsecurity OR v_rel.policies > 0 THEN
            v_security := v_security || jsonb_build_object(v_rel.nspname || '.' || v_rel.relname,
                format('rls=%s force=%s policies=%s', v_rel.relrowsecurity, v_rel.relforcerowsecurity, v_rel.policies));
        END IF;
    END LOOP;

    -- Invariants: each counts violating rows and must be 0. Skipped when its tables do not exist (a
    -- database of an older schema). Saga rules follow OrderFulfilmentSaga (docs/services/saga-orchestrator.md):
    -- a live saga always has exactly one running step, current_step is that step's number (else the
    -- highest step touched), a completed saga has nothing pending or running, a fulfilled one completed all
    -- five forward steps. Stock rules are the system test's (deploy/system/test).
    FOR v_inv IN
        SELECT * FROM (VALUES
            ('stock: reserved = sum of active reservations', 'inventory.stock_levels,inventory.reservations',
             $q$SELECT count(*) FROM inventory.stock_levels s
                WHERE s.reserved <> coalesce((SELECT sum(r.quantity) FROM inventory.reservations r
                                              WHERE r.product_id = s.product_id AND r.status = 'active'), 0)$q$),
            ('stock: no negative available or reserved', 'inventory.stock_levels',
             $q$SELECT count(*) FROM inventory.stock_levels WHERE available < 0 OR reserved < 0$q$),
            ('stock: active reservation has a stock level', 'inventory.stock_levels,inventory.reservations',
             $q$SELECT count(*) FROM inventory.reservations r WHERE r.status = 'active'
                AND NOT EXISTS (SELECT 1 FROM inventory.stock_levels s WHERE s.product_id = r.product_id)$q$),
            ('saga: live saga has exactly one running step', 'saga.saga_instances,saga.saga_steps',
             $q$SELECT count(*) FROM saga.saga_instances i WHERE i.status IN ('started', 'compensating')
                AND (SELECT count(*) FROM saga.saga_steps s WHERE s.saga_id = i.saga_id AND s.status = 'running') <> 1$q$),
            ('saga: current_step matches its steps', 'saga.saga_instances,saga.saga_steps',
             $q$SELECT count(*) FROM saga.saga_instances i
                WHERE i.current_step <> coalesce(
                    (SELECT min(s.step_number) FROM saga.saga_steps s WHERE s.saga_id = i.saga_id AND s.status = 'running'),
                    (SELECT max(s.step_number) FROM saga.saga_steps s WHERE s.saga_id = i.saga_id), 0)$q$),
            ('saga: completed saga has no pending or running step', 'saga.saga_instances,saga.saga_steps',
             $q$SELECT count(*) FROM saga.saga_instances i WHERE i.status = 'completed'
                AND EXISTS (SELECT 1 FROM saga.saga_steps s WHERE s.saga_id = i.saga_id
                            AND s.status IN ('pending', 'running'))$q$),
            ('saga: fulfilled saga completed steps 1-5', 'saga.saga_instances,saga.saga_steps',
             $q$SELECT count(*) FROM saga.saga_instances i WHERE i.outcome = 'fulfilled'
                AND (SELECT count(*) FROM saga.saga_steps s WHERE s.saga_id = i.saga_id
                     AND s.step_number BETWEEN 1 AND 5 AND s.status = 'completed') <> 5$q$),
            ('events: position sequence ahead of every event', 'event_store.events',
             $q$SELECT count(*) FROM (SELECT max(position) AS m FROM event_store.events) e
                WHERE e.m > coalesce(pg_sequence_last_value('event_store.events_position_seq'), 0)$q$),
            ('events: every event has its stream', 'event_store.events,event_store.streams',
             $q$SELECT count(*) FROM event_store.events e
                WHERE NOT EXISTS (SELECT 1 FROM event_store.streams s WHERE s.aggregate_id = e.aggregate_id)$q$),
            ('subject keys: erased means no key material', 'event_store.subject_keys',
             $q$SELECT count(*) FROM event_store.subject_keys WHERE (erased_at IS NULL) <> (key_material IS NOT NULL)$q$)
        ) AS t(name, needs, query)
    LOOP
        IF (SELECT bool_and(to_regclass(x) IS NOT NULL) FROM unnest(string_to_array(v_inv.needs, ',')) AS x) THEN
            EXECUTE v_inv.query INTO v_rows;
            v_invariants := v_invariants || jsonb_build_object(v_inv.name, v_rows);
        END IF;
    END LOOP;

    -- Database-level settings (ALTER DATABASE .. SET, e.g. plan_cache_mode from event-store V2): a plain
    -- pg_dump leaves them out, restore re-applies them, and this proves it did.
    SELECT coalesce(jsonb_agg(x ORDER BY x), '[]') INTO v_settings
    FROM pg_db_role_setting s, unnest(s.setconfig) AS x
    WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.setrole = 0;

    -- How many subjects were erased (crypto-shredded): an older backup restored has fewer; see
    -- docs/backup-restore.md on re-applying erasures.
    IF to_regclass('event_store.subject_keys') IS NOT NULL THEN
        EXECUTE 'SELECT count(*) FROM event_store.subject_keys WHERE erased_at IS NOT NULL' INTO v_erased;
    END IF;

    -- And its grants (REVOKE CONNECT FROM PUBLIC, the platform roles' CONNECT): also outside a plain dump.
    SELECT coalesce(jsonb_agg(a::text ORDER BY a::text), '[]') INTO v_acl
    FROM pg_database d, unnest(d.datacl) AS a WHERE d.datname = current_database();

    RETURN jsonb_build_object(
        'database', current_database(),
        'server_version', current_setting('server_version'),
        'taken_at', to_char(clock_timestamp(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'tables', v_tables,
        'event_partitions', v_partitions,
        'invariants', v_invariants,
        'security', v_security,
        'database_settings', v_settings,
        'database_acl', v_acl,
        'erased_subjects', v_erased);
END
$fn$;

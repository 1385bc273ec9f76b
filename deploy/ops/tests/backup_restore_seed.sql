-- Rows of every kind a restore must carry over, added by backup_restore.sh to its scratch source database
-- (on top of whatever it copied from cloudlab_test). Run as the postgres superuser, so row-level
-- security does not apply. Everything is in a tenant of its own.
--
--   events in the current month's partition, in events_default (a month without a partition) and in a
--   partition detached into event_store_archive (as retention does); streams; unicode and numbers in
--   JSONB; a live and an erased subject key; stock with active, committed and released reservations;
--   sagas fulfilled, compensated and in flight, each consistent with its steps.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- A partition that retention detaches below. 1901: older than anything the Java tests write (their
-- PartitionMaintenanceTest picks a month of 1950-1999), so a copy of cloudlab_test cannot collide with it.
SELECT event_store.ensure_partition(DATE '1901-01-01');

DO $seed$
DECLARE
    v_tenant  uuid := gen_random_uuid();
    v_stream  uuid;
    v_created timestamptz;
    v_i       int;
    v_v       int;
    v_product_a uuid := gen_random_uuid();
    v_product_b uuid := gen_random_uuid();
    v_saga    uuid;
BEGIN
    FOR v_i IN 1..12 LOOP
        v_stream := gen_random_uuid();
        v_created := CASE v_i % 3 WHEN 0 THEN timestamptz '1901-01-15 10:00:00+00'   -- archived below
                                  WHEN 1 THEN timestamptz '1900-06-01 08:00:00+00'   -- no partition: DEFAULT
                                  ELSE now() END;
        INSERT INTO event_store.streams (aggregate_id, aggregate_type, tenant_id, created_at)
        VALUES (v_stream, 'BackupTestOrder', v_tenant, v_created);
        FOR v_v IN 1..5 LOOP
            INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,
                                            event_data, metadata, tenant_id, stream_created_at)
            VALUES (gen_random_uuid(), v_stream, 'BackupTestOrder', 'BackupTestEvent' || v_v, v_v,
                    jsonb_build_object('n', v_v, 'note', 'Grüße ✓ "quoted"', 'amount', 12.25 * v_v, 'tags', jsonb_build_array('a', v_i)),
                    jsonb_build_object('correlation_id', gen_random_uuid()), v_tenant, v_created);
        END LOOP;
    END LOOP;

    INSERT INTO event_store.subject_keys (subject_id, tenant_id, key_material)
    VALUES (gen_random_uuid(), v_tenant, '\x00112233445566778899aabbccddeeff'::bytea),
           (gen_random_uuid(), v_tenant, '\xffeeddccbbaa99887766554433221100'::bytea);
    UPDATE event_store.subject_keys SET key_material = NULL, erased_at = now()
    WHERE subject_id = (SELECT subject_id FROM event_store.subject_keys WHERE tenant_id = v_tenant
                        ORDER BY subject_id LIMIT 1);

    -- Stock: A has 3 reserved by two active reservations (one committed and one released beside them).
    INSERT INTO inventory.products (product_id, tenant_id, vendor_id, name, price, currency, version)
    VALUES (v_product_a, v_tenant, gen_random_uuid(), 'Backup test keyboard', 49.90, 'EUR', 1),
           (v_product_b, v_tenant, gen_random_uuid(), 'Backup test mouse', 19.00, 'EUR', 1);
    INSERT INTO inventory.stock_levels (product_id, tenant_id, available, reserved)
    VALUES (v_product_a, v_tenant, 10, 3), (v_product_b, v_tenant, 5, 0);
    INSERT INTO inventory.reservations (order_id, product_id, tenant_id, line_number, quantity, status, expires_at)
    VALUES (gen_random_uuid(), v_product_a, v_tenant, 0, 2, 'active', now() + interval '15 minutes'),
           (gen_random_uuid(), v_product_a, v_tenant, 0, 1, 'active', now() + interval '15 minutes'),
           (gen_random_uuid(), v_product_a, v_tenant, 1, 4, 'committed', now()),
           (gen_random_uuid(), v_product_b, v_tenant, 0, 1, 'released', now());

    -- Sagas: fulfilled (steps 1-5 completed), compensated (reserve compensated, authorize failed,
    -- void/release/reject completed), in flight (reserve completed, authorize running).
    v_saga := gen_random_uuid();
    INSERT INTO saga.saga_instances (saga_id, saga_type, status, current_step, saga_data, tenant_id, order_id,
                                     outcome, completed_at)
    VALUES (v_saga, 'order-fulfilment', 'completed', 5, '{"lines": 1}', v_tenant, gen_random_uuid(), 'fulfilled', now());
    INSERT INTO saga.saga_steps (saga_id, step_number, step_type, status, started_at, completed_at, tenant_id)
    SELECT v_saga, n, 'step_' || n, 'completed', now(), now(), v_tenant FROM generate_series(1, 5) AS n;

    v_saga := gen_random_uuid();
    INSERT INTO saga.saga_instances (saga_id, saga_type, status, current_step, saga_data, tenant_id, order_id,
                                     outcome, failure_reason, completed_at)
    VALUES (v_saga, 'order-fulfilment', 'completed', 8, '{"lines": 2}', v_tenant, gen_random_uuid(), 'compensated',
            'AUTHORIZE_PAYMENT failed: PaymentDeclined', now());
    INSERT INTO saga.saga_steps (saga_id, step_number, step_type, status, started_at, completed_at, error_message, tenant_id)
    VALUES (v_saga, 1, 'reserve_stock', 'compensated', now(), now(), NULL, v_tenant),
           (v_saga, 2, 'authorize_payment', 'failed', now(), now(), 'PaymentDeclined', v_tenant),
           (v_saga, 6, 'void_payment', 'completed', now(), now(), NULL, v_tenant),
           (v_saga, 7, 'release_stock', 'completed', now(), now(), NULL, v_tenant),
           (v_saga, 8, 'reject_order', 'completed', now(), now(), NULL, v_tenant);

    v_saga := gen_random_uuid();
    INSERT INTO saga.saga_instances (saga_id, saga_type, status, current_step, saga_data, tenant_id, order_id,
                                     deadline_at)
    VALUES (v_saga, 'order-fulfilment', 'started', 2, '{"lines": 3}', v_tenant, gen_random_uuid(), now() + interval '10 seconds');
    INSERT INTO saga.saga_steps (saga_id, step_number, step_type, status, started_at, completed_at, command_id, deadline_at, tenant_id)
    VALUES (v_saga, 1, 'reserve_stock', 'completed', now(), now(), gen_random_uuid(), NULL, v_tenant),
           (v_saga, 2, 'authorize_payment', 'running', now(), NULL, gen_random_uuid(), now() + interval '10 seconds', v_tenant);
END
$seed$;

-- Retention at work: every partition of streams created over ten years ago (1901-01 here) moves into
-- event_store_archive, as each service's maintenance does.
SELECT event_store.detach_expired_partitions(interval '10 years');

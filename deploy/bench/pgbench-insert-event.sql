-- The reference for event-store appends: one plain INSERT of an event row of the same shape and size
-- into the same partitioned table (same indexes), one row per transaction, as the table owner. What the
-- store adds on top (version check, stream lookup, RLS, the function call) is what the ratio measures.
INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version, event_data,
                                metadata, tenant_id, stream_created_at)
VALUES (gen_random_uuid(), gen_random_uuid(), 'PgBench', 'BenchEvent', 1, '{"order_id": "3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10", "customer_id": "8a3c2d41-6f1e-4b7a-9c55-0e2f3a4b5c6d", "currency": "EUR", "total_amount": "149.97", "payment_method": "credit_card", "lines": [{"product_id": "5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5", "quantity": 2, "unit_price": "49.99"}, {"product_id": "6e7f8091-2b3c-4d4e-9fa0-b1c2d3e4f5a6", "quantity": 1, "unit_price": "49.99"}], "shipping": {"street": "12 Example Street", "city": "Springfield", "postal_code": "12345", "country": "DE"}, "placed_at": "2026-11-22T03:00:00Z"}', '{"tenant_id": "00000000-0000-0000-0000-0000000000aa", "correlation_id": "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910"}',
        '00000000-0000-0000-0000-0000000000aa', now());

-- Row-level security binds the tables' owner too (FORCE): the owner's sessions see only the tenant their
-- transaction entered. Nothing in this schema reads across tenants.
ALTER TABLE payments.payment_methods FORCE ROW LEVEL SECURITY;
ALTER TABLE payments.payments FORCE ROW LEVEL SECURITY;

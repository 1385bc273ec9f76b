-- Payments, stored payment methods and the sandbox gateway's own state (payment-service only).

CREATE TYPE payments.payment_method AS ENUM
    ('credit_card', 'debit_card', 'paypal', 'apple_pay', 'google_pay', 'bank_transfer', 'cryptocurrency');
COMMENT ON TYPE payments.payment_method IS 'Seed 001 payment_method enum: how a customer pays';

-- ---------------------------------------------------------------------------------------------------
-- payment_methods: what a customer registered to pay with. Card data is never stored in clear: the
-- gateway keeps the card and hands out a token; the token and the holder name are AES-256-GCM encrypted
-- by the application (key cloudlab.payment.encryption-key), the CVC is never stored at all.
CREATE TABLE payments.payment_methods (
    payment_method_id      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              UUID NOT NULL,
    customer_id            VARCHAR(255) NOT NULL,
    type                   payments.payment_method NOT NULL,
    gateway_token_encrypted BYTEA,
    card_brand             VARCHAR(20),
    card_last_four         CHAR(4),
    expiry_month           SMALLINT,
    expiry_year            SMALLINT,
    holder_name_encrypted  BYTEA,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at             TIMESTAMPTZ,
    CONSTRAINT chk_payment_methods_card_fields CHECK (
        (type IN ('credit_card', 'debit_card')) = (gateway_token_encrypted IS NOT NULL)
        AND (gateway_token_encrypted IS NULL) = (card_last_four IS NULL)
        AND (gateway_token_encrypted IS NULL) = (card_brand IS NULL)
        AND (gateway_token_encrypted IS NULL) = (expiry_month IS NULL)
        AND (gateway_token_encrypted IS NULL) = (expiry_year IS NULL)),
    CONSTRAINT chk_payment_methods_card_last_four CHECK (card_last_four ~ '^[0-9]{4}$'),
    CONSTRAINT chk_payment_methods_expiry_month CHECK (expiry_month BETWEEN 1 AND 12),
    CONSTRAINT chk_payment_methods_expiry_year CHECK (expiry_year BETWEEN 2000 AND 2200),
    CONSTRAINT chk_payment_methods_customer_id CHECK (length(customer_id) > 0)
);
CREATE INDEX idx_payment_methods_tenant_id_customer_id ON payments.payment_methods (tenant_id, customer_id);

COMMENT ON TABLE payments.payment_methods IS 'Payment methods customers registered; card data only as gateway token (encrypted), brand, last four and expiry';
COMMENT ON COLUMN payments.payment_methods.payment_method_id IS 'Unique identifier of the payment method';
COMMENT ON COLUMN payments.payment_methods.tenant_id IS 'Tenant the payment method belongs to (row-level security)';
COMMENT ON COLUMN payments.payment_methods.customer_id IS 'Customer (token subject) who registered it; only they may pay with it';
COMMENT ON COLUMN payments.payment_methods.type IS 'Seed payment_method: credit_card, debit_card, paypal, ...';
COMMENT ON COLUMN payments.payment_methods.gateway_token_encrypted IS 'The gateway''s card token, AES-256-GCM (version byte, nonce, ciphertext+tag); NULL for non-card types';
COMMENT ON COLUMN payments.payment_methods.card_brand IS 'Card brand as the gateway reported it (visa, mastercard, amex, discover, unknown)';
COMMENT ON COLUMN payments.payment_methods.card_last_four IS 'Last four digits of the card number, the only digits ever kept';
COMMENT ON COLUMN payments.payment_methods.expiry_month IS 'Card expiry month (1-12)';
COMMENT ON COLUMN payments.payment_methods.expiry_year IS 'Card expiry year (four digits)';
COMMENT ON COLUMN payments.payment_methods.holder_name_encrypted IS 'Card holder name, AES-256-GCM like the token; NULL when none was given';
COMMENT ON COLUMN payments.payment_methods.created_at IS 'When it was registered';
COMMENT ON COLUMN payments.payment_methods.updated_at IS 'When it last changed';
COMMENT ON COLUMN payments.payment_methods.deleted_at IS 'Soft deletion: set when the customer removes it';

ALTER TABLE payments.payment_methods ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON payments.payment_methods
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

-- ---------------------------------------------------------------------------------------------------
-- payments: the current state of each Payment aggregate, written in the same transaction as its events
-- (the events are the record; this table answers reads and enforces one payment per order).
CREATE TABLE payments.payments (
    payment_id         UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL,
    order_id           UUID NOT NULL,
    customer_id        VARCHAR(255) NOT NULL,
    amount             DECIMAL(10,2) NOT NULL,
    currency           CHAR(3) NOT NULL,
    status             VARCHAR(20) NOT NULL,
    captured_amount    DECIMAL(10,2) NOT NULL DEFAULT 0,
    refunded_amount    DECIMAL(10,2) NOT NULL DEFAULT 0,
    payment_method     payments.payment_method NOT NULL,
    payment_method_id  UUID,
    card_brand         VARCHAR(20),
    card_last_four     CHAR(4),
    gateway_reference  VARCHAR(64),
    decline_reason     VARCHAR(30),
    version            INTEGER NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at         TIMESTAMPTZ,
    CONSTRAINT uq_payments_tenant_id_order_id UNIQUE (tenant_id, order_id),
    CONSTRAINT chk_payments_amount CHECK (amount > 0),
    CONSTRAINT chk_payments_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT chk_payments_status CHECK (status IN
        ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'declined')),
    CONSTRAINT chk_payments_captured_amount CHECK (captured_amount >= 0 AND captured_amount <= amount),
    CONSTRAINT chk_payments_refunded_amount CHECK (refunded_amount >= 0 AND refunded_amount <= captured_amount),
    CONSTRAINT chk_payments_decline_reason CHECK (decline_reason IS NULL
        OR decline_reason IN ('declined', 'insufficient_funds', 'invalid_card')),
    CONSTRAINT chk_payments_version CHECK (version > 0)
);
CREATE INDEX idx_payments_tenant_id_customer_id ON payments.payments (tenant_id, customer_id);
CREATE INDEX idx_payments_status_updated_at ON payments.payments (status, updated_at);

COMMENT ON TABLE payments.payments IS 'State of each Payment aggregate (stream = payment_id), written with its events in one transaction';
COMMENT ON COLUMN payments.payments.payment_id IS 'Payment id = the event stream id; derived from tenant and order (one payment per order)';
COMMENT ON COLUMN payments.payments.tenant_id IS 'Tenant the payment belongs to (row-level security)';
COMMENT ON COLUMN payments.payments.order_id IS 'The order paid; unique per tenant';
COMMENT ON COLUMN payments.payments.customer_id IS 'Customer who pays (token subject)';
COMMENT ON COLUMN payments.payments.amount IS 'Amount authorized (or asked for, when declined or pending)';
COMMENT ON COLUMN payments.payments.currency IS 'ISO 4217 currency code';
COMMENT ON COLUMN payments.payments.status IS 'pending, authorized, captured, partially_refunded, refunded, voided or declined';
COMMENT ON COLUMN payments.payments.captured_amount IS 'Amount captured (at most the amount authorized)';
COMMENT ON COLUMN payments.payments.refunded_amount IS 'Sum of all refunds (at most the amount captured)';
COMMENT ON COLUMN payments.payments.payment_method IS 'Seed payment_method used';
COMMENT ON COLUMN payments.payments.payment_method_id IS 'Stored payment method charged (required for card types)';
COMMENT ON COLUMN payments.payments.card_brand IS 'Card brand, for card payments';
COMMENT ON COLUMN payments.payments.card_last_four IS 'Last four card digits, for card payments';
COMMENT ON COLUMN payments.payments.gateway_reference IS 'The gateway''s authorization reference';
COMMENT ON COLUMN payments.payments.decline_reason IS 'Why the gateway declined: declined, insufficient_funds, invalid_card';
COMMENT ON COLUMN payments.payments.version IS 'Version of the event stream this row reflects';
COMMENT ON COLUMN payments.payments.created_at IS 'When the payment was first recorded';
COMMENT ON COLUMN payments.payments.updated_at IS 'When the payment last changed';
COMMENT ON COLUMN payments.payments.deleted_at IS 'Soft deletion; payments are financial records kept 10 years, so unused today';

ALTER TABLE payments.payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON payments.payments
    USING (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);

-- ---------------------------------------------------------------------------------------------------
-- sandbox_gateway_operations: the state of the SANDBOX gateway (cloudlab.payment.gateway=sandbox), which
-- stands in for an external provider's test mode. It is the provider's data, not the service's: a real
-- provider keeps this on its side. Kept in a table so that idempotency by key survives restarts. It never
-- holds a card number or CVC: a token row keeps only how the test card behaves, its brand and last four.
CREATE TABLE payments.sandbox_gateway_operations (
    operation_id        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    idempotency_key     VARCHAR(255) NOT NULL,
    operation           VARCHAR(20) NOT NULL,
    token               VARCHAR(64),
    reference           VARCHAR(64),
    outcome             VARCHAR(30) NOT NULL,
    card_behaviour      VARCHAR(30),
    card_brand          VARCHAR(20),
    card_last_four      CHAR(4),
    amount              DECIMAL(10,2),
    currency            CHAR(3),
    authorization_state VARCHAR(20),
    captured_amount     DECIMAL(10,2) NOT NULL DEFAULT 0,
    refunded_amount     DECIMAL(10,2) NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_sandbox_gateway_operations_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT chk_sandbox_gateway_operations_operation CHECK (operation IN ('tokenize', 'authorize', 'capture', 'void', 'refund')),
    CONSTRAINT chk_sandbox_gateway_operations_outcome CHECK (outcome IN
        ('approved', 'declined', 'insufficient_funds', 'invalid_card', 'refused')),
    CONSTRAINT chk_sandbox_gateway_operations_behaviour CHECK (card_behaviour IS NULL OR card_behaviour IN
        ('approve', 'decline', 'insufficient_funds', 'slow_approve')),
    CONSTRAINT chk_sandbox_gateway_operations_state CHECK (authorization_state IS NULL OR authorization_state IN
        ('authorized', 'captured', 'voided')),
    CONSTRAINT chk_sandbox_gateway_operations_totals CHECK (refunded_amount <= captured_amount)
);
CREATE INDEX idx_sandbox_gateway_operations_token ON payments.sandbox_gateway_operations (token) WHERE operation = 'tokenize';
CREATE INDEX idx_sandbox_gateway_operations_reference ON payments.sandbox_gateway_operations (reference) WHERE operation = 'authorize';

COMMENT ON TABLE payments.sandbox_gateway_operations IS 'SANDBOX payment gateway state (stand-in for a provider test mode): one row per idempotent gateway operation; never card numbers or CVCs';
COMMENT ON COLUMN payments.sandbox_gateway_operations.operation_id IS 'Unique identifier of the operation';
COMMENT ON COLUMN payments.sandbox_gateway_operations.idempotency_key IS 'The caller''s gateway idempotency key (a token for tokenize rows): the same key returns the same answer';
COMMENT ON COLUMN payments.sandbox_gateway_operations.operation IS 'tokenize, authorize, capture, void or refund';
COMMENT ON COLUMN payments.sandbox_gateway_operations.token IS 'Card token issued (tokenize) or charged (authorize)';
COMMENT ON COLUMN payments.sandbox_gateway_operations.reference IS 'Authorization reference issued (authorize) or acted on (capture, void, refund)';
COMMENT ON COLUMN payments.sandbox_gateway_operations.outcome IS 'approved, declined, insufficient_funds, invalid_card, or refused (operation not allowed in the authorization''s state)';
COMMENT ON COLUMN payments.sandbox_gateway_operations.card_behaviour IS 'Tokenize rows: how the test card answers (approve, decline, insufficient_funds, slow_approve)';
COMMENT ON COLUMN payments.sandbox_gateway_operations.card_brand IS 'Tokenize rows: card brand';
COMMENT ON COLUMN payments.sandbox_gateway_operations.card_last_four IS 'Tokenize rows: last four digits';
COMMENT ON COLUMN payments.sandbox_gateway_operations.amount IS 'Amount of the operation';
COMMENT ON COLUMN payments.sandbox_gateway_operations.currency IS 'Currency of an authorization';
COMMENT ON COLUMN payments.sandbox_gateway_operations.authorization_state IS 'Authorize rows: authorized, captured or voided';
COMMENT ON COLUMN payments.sandbox_gateway_operations.captured_amount IS 'Authorize rows: amount captured';
COMMENT ON COLUMN payments.sandbox_gateway_operations.refunded_amount IS 'Authorize rows: amount refunded in total';
COMMENT ON COLUMN payments.sandbox_gateway_operations.created_at IS 'When the operation was first received';
COMMENT ON COLUMN payments.sandbox_gateway_operations.updated_at IS 'When the row last changed';

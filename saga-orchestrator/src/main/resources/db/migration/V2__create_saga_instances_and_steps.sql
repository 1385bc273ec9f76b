-- Sagas as seed 001 defines them (saga_instances, saga_steps: columns, status CHECKs, indexes), plus what
-- an engine needs beside them, added in the seed's style: whose order and tenant, the outcome of a
-- completed saga (the seed's status has no "compensated"), the deadline the scheduler fires on, the
-- command id of each step's current attempt (only a reply to it counts) and the last reply.

CREATE TABLE saga.saga_instances (
    saga_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    saga_type VARCHAR(100) NOT NULL,
    status VARCHAR(50) NOT NULL DEFAULT 'started',
    current_step INTEGER NOT NULL DEFAULT 0,
    saga_data JSONB NOT NULL,
    compensation_data JSONB,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    -- Beside the seed's columns
    tenant_id UUID NOT NULL,
    order_id UUID NOT NULL,
    outcome VARCHAR(50),
    deadline_at TIMESTAMP WITH TIME ZONE,
    failure_reason TEXT,
    payment_id UUID,
    version INTEGER NOT NULL DEFAULT 1,
    completed_at TIMESTAMP WITH TIME ZONE,

    -- Constraints
    CONSTRAINT chk_saga_status CHECK (status IN ('started', 'completed', 'compensating', 'failed')),
    CONSTRAINT chk_current_step_positive CHECK (current_step >= 0),
    CONSTRAINT chk_saga_outcome CHECK (outcome IS NULL OR outcome IN ('fulfilled', 'compensated')),
    CONSTRAINT chk_saga_outcome_when_completed CHECK ((status = 'completed') = (outcome IS NOT NULL)),
    CONSTRAINT uq_saga_instances_saga_type_order_id UNIQUE (saga_type, order_id)
);

CREATE TABLE saga.saga_steps (
    step_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    saga_id UUID NOT NULL REFERENCES saga.saga_instances(saga_id) ON DELETE CASCADE,
    step_number INTEGER NOT NULL,
    step_type VARCHAR(100) NOT NULL,
    status VARCHAR(50) NOT NULL DEFAULT 'pending',
    started_at TIMESTAMP WITH TIME ZONE,
    completed_at TIMESTAMP WITH TIME ZONE,
    error_message TEXT,
    retry_count INTEGER NOT NULL DEFAULT 0,

    -- Beside the seed's columns
    command_id UUID,
    deadline_at TIMESTAMP WITH TIME ZONE,
    last_reply VARCHAR(100),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    -- Constraints
    CONSTRAINT chk_step_status CHECK (status IN ('pending', 'running', 'completed', 'failed', 'compensated')),
    CONSTRAINT chk_retry_count_positive CHECK (retry_count >= 0),
    CONSTRAINT uq_saga_steps_saga_id_step_number UNIQUE (saga_id, step_number)
);

-- Indexes (the seed's three, then the engine's)
CREATE INDEX idx_saga_instances_type_status ON saga.saga_instances(saga_type, status);
CREATE INDEX idx_saga_steps_saga_id ON saga.saga_steps(saga_id);
CREATE INDEX idx_saga_steps_status ON saga.saga_steps(status);
-- The scheduler's scan: live sagas by deadline.
CREATE INDEX idx_saga_instances_deadline_at ON saga.saga_instances(deadline_at)
    WHERE status IN ('started', 'compensating');
-- The operator list: by type/status, newest first, keyset-paged.
CREATE INDEX idx_saga_instances_type_status_created_at
    ON saga.saga_instances(saga_type, status, created_at DESC, saga_id DESC);

COMMENT ON TABLE saga.saga_instances IS 'One row per saga (seed 001): its status, progress, data and deadline';
COMMENT ON COLUMN saga.saga_instances.saga_id IS 'The saga; derived from the order id, so an order starts one saga however often OrderPlaced arrives';
COMMENT ON COLUMN saga.saga_instances.saga_type IS 'Which saga: order_fulfilment';
COMMENT ON COLUMN saga.saga_instances.status IS 'started, compensating, completed (see outcome) or failed (an operator must act)';
COMMENT ON COLUMN saga.saga_instances.current_step IS 'step_number of the step running or last touched';
COMMENT ON COLUMN saga.saga_instances.saga_data IS 'What the saga needs of the order: lines, total, currency, customer, payment method';
COMMENT ON COLUMN saga.saga_instances.compensation_data IS 'Why the saga compensates or failed, and the payment it may have to void';
COMMENT ON COLUMN saga.saga_instances.created_at IS 'When the saga started';
COMMENT ON COLUMN saga.saga_instances.updated_at IS 'When it last changed';
COMMENT ON COLUMN saga.saga_instances.tenant_id IS 'Tenant of the order';
COMMENT ON COLUMN saga.saga_instances.order_id IS 'The order being fulfilled';
COMMENT ON COLUMN saga.saga_instances.outcome IS 'For a completed saga: fulfilled or compensated';
COMMENT ON COLUMN saga.saga_instances.deadline_at IS 'When the running step times out; the scheduler acts on it';
COMMENT ON COLUMN saga.saga_instances.failure_reason IS 'Why the saga compensates or failed';
COMMENT ON COLUMN saga.saga_instances.payment_id IS 'The payment authorized for the order, once known';
COMMENT ON COLUMN saga.saga_instances.version IS 'Incremented on every change; optimistic check of the writers';
COMMENT ON COLUMN saga.saga_instances.completed_at IS 'When the saga reached completed or failed';

COMMENT ON TABLE saga.saga_steps IS 'One row per step of a saga (seed 001), forward and compensating';
COMMENT ON COLUMN saga.saga_steps.step_id IS 'The step row';
COMMENT ON COLUMN saga.saga_steps.saga_id IS 'Its saga';
COMMENT ON COLUMN saga.saga_steps.step_number IS '1 reserve_stock, 2 authorize_payment, 3 confirm_order, 4 capture_payment, 5 commit_stock, 6 void_payment, 7 release_stock, 8 reject_order';
COMMENT ON COLUMN saga.saga_steps.step_type IS 'The step''s name';
COMMENT ON COLUMN saga.saga_steps.status IS 'pending, running, completed, failed, compensated (a completed forward step undone)';
COMMENT ON COLUMN saga.saga_steps.started_at IS 'First attempt';
COMMENT ON COLUMN saga.saga_steps.completed_at IS 'When it completed or failed';
COMMENT ON COLUMN saga.saga_steps.error_message IS 'The last failure or timeout of the step';
COMMENT ON COLUMN saga.saga_steps.retry_count IS 'Attempts after the first';
COMMENT ON COLUMN saga.saga_steps.command_id IS 'Command id of the current attempt: only a reply to it counts';
COMMENT ON COLUMN saga.saga_steps.deadline_at IS 'When the current attempt times out';
COMMENT ON COLUMN saga.saga_steps.last_reply IS 'Type of the reply that ended the step';
COMMENT ON COLUMN saga.saga_steps.updated_at IS 'When the step last changed';

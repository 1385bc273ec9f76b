-- Messages a consumer could not apply and that no retry can fix (malformed, of an unknown type, refused by a
-- rule the sender broke): parked here instead of blocking their partition or being dropped, for an operator
-- to retry (after a fix) or skip. One table for every consumer of the platform, like the inbox.

CREATE TABLE event_store.parked_messages (
    parked_id     UUID          NOT NULL,
    consumer_name VARCHAR(200)  NOT NULL,
    message_id    UUID          NOT NULL,
    tenant_id     UUID,
    message_type  VARCHAR(200),
    message       TEXT          NOT NULL,
    error         TEXT          NOT NULL,
    status        VARCHAR(20)   NOT NULL DEFAULT 'parked',
    attempts      INTEGER       NOT NULL DEFAULT 1,
    parked_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    resolved_at   TIMESTAMP WITH TIME ZONE,
    resolved_by   VARCHAR(200),
    CONSTRAINT pk_parked_messages PRIMARY KEY (parked_id),
    CONSTRAINT uq_parked_messages_consumer_message UNIQUE (consumer_name, message_id),
    CONSTRAINT chk_parked_messages_status CHECK (status IN ('parked', 'retried', 'skipped'))
);
CREATE INDEX idx_parked_messages_open ON event_store.parked_messages (tenant_id, parked_at DESC) WHERE status = 'parked';

COMMENT ON TABLE event_store.parked_messages IS
    'Messages a consumer could not apply and no retry could fix: kept for an operator to retry or skip';
COMMENT ON COLUMN event_store.parked_messages.parked_id IS 'The parked message''s own id, as the operator API names it';
COMMENT ON COLUMN event_store.parked_messages.consumer_name IS 'The consumer that could not apply it, e.g. inventory.saga-commands';
COMMENT ON COLUMN event_store.parked_messages.message_id IS
    'The event or command id of the message; for one that is not even an envelope, a name-based id of its bytes';
COMMENT ON COLUMN event_store.parked_messages.tenant_id IS 'The tenant of the envelope; null when it could not be read';
COMMENT ON COLUMN event_store.parked_messages.message_type IS 'The envelope''s event_type, when readable';
COMMENT ON COLUMN event_store.parked_messages.message IS 'The message as it arrived, to apply again';
COMMENT ON COLUMN event_store.parked_messages.error IS 'Why it could not be applied (the last attempt''s error)';
COMMENT ON COLUMN event_store.parked_messages.status IS 'parked (waiting for an operator), retried (applied on retry) or skipped';
COMMENT ON COLUMN event_store.parked_messages.attempts IS 'Times it was tried and failed: the first delivery, then operators'' retries';
COMMENT ON COLUMN event_store.parked_messages.resolved_at IS 'When an operator''s retry applied it, or an operator skipped it';
COMMENT ON COLUMN event_store.parked_messages.resolved_by IS 'The operator (token subject) who retried or skipped it';

GRANT SELECT, INSERT, UPDATE ON event_store.parked_messages TO application_readwrite;

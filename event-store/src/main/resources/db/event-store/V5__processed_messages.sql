-- The inbox of every Kafka consumer on the platform: a message's id is recorded in the same transaction
-- as the consumer's effect, so a redelivered message (Kafka delivers at least once; the relay publishes at
-- least once) is recognised and changes nothing. One table for all services because every consumer's
-- effect is in this database; the consumer name keeps them apart.

CREATE TABLE event_store.processed_messages (
    consumer_name VARCHAR(200) NOT NULL,
    message_id    UUID         NOT NULL,
    processed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT pk_processed_messages PRIMARY KEY (consumer_name, message_id)
);
CREATE INDEX idx_processed_messages_processed_at ON event_store.processed_messages (processed_at);

COMMENT ON TABLE event_store.processed_messages IS
    'Messages (events, commands) a consumer has applied; written in the same transaction as the effect';
COMMENT ON COLUMN event_store.processed_messages.consumer_name IS 'The consumer: service and handler, e.g. order-service.catalogue';
COMMENT ON COLUMN event_store.processed_messages.message_id IS 'The event id or command id of the message';
COMMENT ON COLUMN event_store.processed_messages.processed_at IS
    'When it was applied; rows older than the topics'' retention (7 days) can be purged, no redelivery can reach them';

-- Purged by the maintenance run, past the longest topic retention (a message cannot come back after it).
CREATE FUNCTION event_store.purge_processed_messages(p_older_than INTERVAL)
    RETURNS BIGINT
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH purged AS (DELETE FROM event_store.processed_messages WHERE processed_at < now() - p_older_than RETURNING 1)
    SELECT count(*) FROM purged
$$;

GRANT SELECT, INSERT ON event_store.processed_messages TO application_readwrite;
GRANT EXECUTE ON FUNCTION event_store.purge_processed_messages TO application_readwrite;

-- The outbox becomes service-kit's shared one (io.switchboard.kit.outbox): git-workspace-service has the same
-- table. Entries written before this have no seq or type; the relay reads both from event_json anyway.
ALTER TABLE outbox ADD COLUMN seq BIGINT;
ALTER TABLE outbox ADD COLUMN event_type TEXT;
ALTER TABLE outbox ALTER COLUMN created_at SET DEFAULT now();
-- Publication attempts that failed, and the last failure.
ALTER TABLE outbox ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
-- Set when the entry can never be published: kept for an operator, no longer holding up its chat.
ALTER TABLE outbox ADD COLUMN dead_lettered_at TIMESTAMPTZ;

-- Two writers racing on one chat cannot both put out a seq: consumers would drop the second as a duplicate.
CREATE UNIQUE INDEX outbox_chat_seq_uq ON outbox (chat_id, seq);
-- The relay's claim (oldest pending first) and its look for an older pending entry of the same chat.
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dead_lettered_at IS NULL;
CREATE INDEX outbox_pending_chat_idx ON outbox (chat_id, id) WHERE dead_lettered_at IS NULL;

-- Wakes the relays: PostgreSQL delivers the notification when the writing transaction commits, never before.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('switchboard_outbox', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Order of a chat's queue: ascending rank. A normal message takes the next value of the sequence;
-- "send now" takes its negative, so it runs before everything queued, the latest "now" first.
CREATE SEQUENCE turn_rank_seq;
ALTER TABLE turn ADD COLUMN rank BIGINT;
UPDATE turn SET rank = nextval('turn_rank_seq');
ALTER TABLE turn ALTER COLUMN rank SET NOT NULL;
ALTER TABLE turn ADD COLUMN answer TEXT;
ALTER TABLE turn ADD COLUMN end_reason TEXT;
ALTER TABLE turn ADD COLUMN input_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE turn ADD COLUMN output_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE turn ADD COLUMN ended_at TIMESTAMPTZ;
CREATE INDEX turn_chat_ended_idx ON turn (chat_id, ended_at) WHERE status = 'COMPLETED';

-- partition: the chat's partition number, the same in every chat-scoped topic; recovery works per partition.
-- pending_since: set before the first event of an activity window is published and cleared when the window
-- closes with a checkpoint; a chat with it set may have events on chat.events beyond last_seq.
-- state / lifecycle_seq: the chat as session.lifecycle last described it.
ALTER TABLE chat_stream ADD COLUMN partition INT NOT NULL DEFAULT -1;
ALTER TABLE chat_stream ADD COLUMN pending_since TIMESTAMPTZ;
ALTER TABLE chat_stream ADD COLUMN input_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE chat_stream ADD COLUMN output_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE chat_stream ADD COLUMN state TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE chat_stream ADD COLUMN lifecycle_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX chat_stream_partition_idx ON chat_stream (partition);

-- A message sent while its chat is busy is queued: its TurnQueued comes before the running turn's
-- TurnCompleted. History reads as conversation turns (question, then its answer), so every message
-- carries the seq of its turn's TurnQueued.
ALTER TABLE message ADD COLUMN turn_seq BIGINT;
UPDATE message m SET turn_seq = COALESCE(
    (SELECT u.seq FROM message u WHERE u.chat_id = m.chat_id AND u.turn_id = m.turn_id AND u.role = 'USER'),
    m.seq);
ALTER TABLE message ALTER COLUMN turn_seq SET NOT NULL;
CREATE INDEX message_chat_turn_seq_idx ON message (chat_id, turn_seq, seq);

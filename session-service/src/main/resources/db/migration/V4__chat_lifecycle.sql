-- The chat lifecycle: what a sidebar shows of a chat (description, pinned, default, activity, busy) and
-- per-user read positions, plus the full-text indexes search reads.
ALTER TABLE chat ADD COLUMN description      TEXT        NOT NULL DEFAULT '';
ALTER TABLE chat ADD COLUMN pinned           BOOLEAN     NOT NULL DEFAULT FALSE;
ALTER TABLE chat ADD COLUMN is_default       BOOLEAN     NOT NULL DEFAULT FALSE;
ALTER TABLE chat ADD COLUMN message_count    BIGINT      NOT NULL DEFAULT 0;
-- Turns whose question is stored and whose answer is not: the chat is busy while there is one.
ALTER TABLE chat ADD COLUMN open_turns       INTEGER     NOT NULL DEFAULT 0;
ALTER TABLE chat ADD COLUMN last_activity_at TIMESTAMPTZ;

UPDATE chat c SET
    message_count = (SELECT count(*) FROM message m WHERE m.chat_id = c.id),
    last_activity_at = GREATEST(c.created_at, (SELECT max(m.created_at) FROM message m WHERE m.chat_id = c.id)),
    open_turns = (SELECT count(*) FROM message q WHERE q.chat_id = c.id AND q.role = 'USER'
        AND NOT EXISTS (SELECT 1 FROM message a WHERE a.chat_id = q.chat_id AND a.turn_id = q.turn_id
            AND a.role = 'ASSISTANT'));
ALTER TABLE chat ALTER COLUMN last_activity_at SET NOT NULL;

-- Lists read one project's chats newest activity first; the id breaks ties, as the list cursor does.
CREATE INDEX chat_project_activity_idx ON chat (tenant_id, project_id, last_activity_at DESC, id DESC);
-- The one default chat of a project.
CREATE UNIQUE INDEX chat_project_default_uq ON chat (project_id) WHERE is_default;

-- How far each user has read each chat, as a chat.events seq.
CREATE TABLE chat_read (
    tenant_id     TEXT   NOT NULL,
    chat_id       UUID   NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
    user_id       TEXT   NOT NULL,
    last_read_seq BIGINT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- Full-text search over titles and message text; 'simple' because chats are in any language. A message is
-- indexed by its first 100,000 characters: a tsvector has a size limit a longer answer could exceed.
ALTER TABLE chat ADD COLUMN title_tsv TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)) STORED;
CREATE INDEX chat_title_tsv_idx ON chat USING GIN (title_tsv);
ALTER TABLE message ADD COLUMN content_tsv TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', left(content, 100000))) STORED;
CREATE INDEX message_content_tsv_idx ON message USING GIN (content_tsv);

-- The tool calls of each turn as chat.events reports them, kept until the turn's answer is stored: the answer
-- then carries their summary (tool, outcome), which history, export and copies read with it.
CREATE TABLE tool_call (
    chat_id      UUID        NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
    turn_id      UUID        NOT NULL,
    tool_call_id TEXT        NOT NULL,
    tenant_id    TEXT        NOT NULL,
    tool         TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    error        TEXT,
    seq          BIGINT      NOT NULL,
    PRIMARY KEY (chat_id, turn_id, tool_call_id)
);

-- An answer's tool calls, in the order they started: [{"tool","status","error"?}, ...]; null for questions.
ALTER TABLE message ADD COLUMN tool_calls TEXT;

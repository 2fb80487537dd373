-- A chat made as a copy of another (a fork at a turn, a duplicate): the model of its turns sees the source's
-- answered turns up to that turn, after the chat's own. Written once, from the chat's ChatForked or ChatCreated.
CREATE TABLE chat_origin (
    chat_id        TEXT PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    source_chat_id TEXT        NOT NULL,
    source_turn_id UUID        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

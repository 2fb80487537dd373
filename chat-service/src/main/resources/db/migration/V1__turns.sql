-- A turn is one user message and the answer to it. It is stored before the command that asked for it
-- is acknowledged, so an accepted message is never lost.
CREATE TABLE turn (
    id                 UUID PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    chat_id            TEXT        NOT NULL,
    client_message_id  TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    text               TEXT        NOT NULL,
    model              TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT turn_idempotency_uq UNIQUE (chat_id, client_message_id)
);
CREATE INDEX turn_chat_status_idx ON turn (chat_id, status, created_at);

-- The last seq assigned on each chat's chat.events stream.
CREATE TABLE chat_stream (
    chat_id    TEXT PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    last_seq   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

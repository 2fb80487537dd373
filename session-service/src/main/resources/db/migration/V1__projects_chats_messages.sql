-- Projects group chats; each chat is one conversation with its own history and lifecycle stream.
CREATE TABLE project (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    owner_id    TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_tenant_idx ON project (tenant_id, created_at);

CREATE TABLE chat (
    id             UUID PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    project_id     UUID        NOT NULL REFERENCES project (id),
    owner_id       TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    model          TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    -- last seq this service assigned on the chat's session.lifecycle stream
    lifecycle_seq  BIGINT      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_project_idx ON chat (tenant_id, project_id, created_at);

-- Finished messages, written from chat.events; seq is the chat.events seq that produced the row,
-- which orders the history exactly as the stream did.
CREATE TABLE message (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    chat_id     UUID        NOT NULL REFERENCES chat (id),
    turn_id     UUID        NOT NULL,
    role        TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    content     TEXT        NOT NULL,
    model       TEXT,
    error       TEXT,
    input_tokens  BIGINT,
    output_tokens BIGINT,
    seq         BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT message_turn_role_uq UNIQUE (chat_id, turn_id, role)
);
CREATE INDEX message_chat_seq_idx ON message (chat_id, seq);

-- Events written in the same transaction as the state they describe, published afterwards.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    chat_id     TEXT        NOT NULL,
    event_json  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

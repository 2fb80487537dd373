-- A user's split-pane views. Every change bumps version; a write names the version it read (If-Match) and
-- loses with 409 when another write came first.
CREATE TABLE split_view (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    layout      TEXT        NOT NULL CHECK (layout IN ('horizontal', 'vertical', 'grid')),
    sync_mode   TEXT        NOT NULL CHECK (sync_mode IN ('independent', 'broadcast')),
    max_panes   INTEGER     NOT NULL CHECK (max_panes BETWEEN 1 AND 9),
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX split_view_owner_idx ON split_view (tenant_id, user_id, created_at);

-- The panes of a view, position 0..n-1. Deleting the view or the chat deletes the pane; position and chat are
-- unique per view but checked at commit, so that a rewrite of the panes may pass through any order.
CREATE TABLE view_pane (
    id        UUID PRIMARY KEY,
    view_id   UUID    NOT NULL REFERENCES split_view (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    chat_id   UUID    NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
    model     TEXT    NOT NULL,
    size      INTEGER NOT NULL CHECK (size BETWEEN 10 AND 100),
    CONSTRAINT view_pane_position_uq UNIQUE (view_id, position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT view_pane_chat_uq UNIQUE (view_id, chat_id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX view_pane_chat_idx ON view_pane (chat_id);

-- A deleted chat leaves every view that showed it valid: its pane goes, the panes after it move up, its
-- neighbour (the pane before it, else the one after) takes its size, and the view's version moves on so that
-- a client holding the old version reloads. Done here rather than by the cascade alone so that it holds for
-- whatever deletes the chat row.
CREATE FUNCTION view_pane_drop_deleted_chat() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone RECORD;
BEGIN
    FOR gone IN SELECT p.view_id, p.position, p.size FROM view_pane p WHERE p.chat_id = OLD.id
            ORDER BY p.view_id LOOP
        PERFORM 1 FROM split_view WHERE id = gone.view_id FOR UPDATE;
        DELETE FROM view_pane WHERE view_id = gone.view_id AND chat_id = OLD.id;
        UPDATE view_pane SET size = size + gone.size
            WHERE view_id = gone.view_id
              AND position = CASE WHEN gone.position > 0 THEN gone.position - 1 ELSE 1 END;
        UPDATE view_pane SET position = position - 1 WHERE view_id = gone.view_id AND position > gone.position;
        UPDATE split_view SET version = version + 1, updated_at = now() WHERE id = gone.view_id;
    END LOOP;
    RETURN OLD;
END $$;
CREATE TRIGGER view_pane_drop_deleted_chat BEFORE DELETE ON chat
    FOR EACH ROW EXECUTE FUNCTION view_pane_drop_deleted_chat();

-- Per user: the open tabs in order, the recently closed ones (newest first, bounded), the active tab and the
-- last active view. A tab is a chat; a deleted chat's tab goes with it, the active tab and view become none.
CREATE TABLE ui_state (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    user_id         TEXT        NOT NULL,
    active_chat_id  UUID        REFERENCES chat (id) ON DELETE SET NULL,
    last_view_id    UUID        REFERENCES split_view (id) ON DELETE SET NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT ui_state_owner_uq UNIQUE (tenant_id, user_id)
);

CREATE TABLE ui_tab (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    chat_id     UUID        NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
    -- order among the open tabs, or among the closed ones (0 = most recently closed)
    position    INTEGER     NOT NULL,
    closed_at   TIMESTAMPTZ,
    CONSTRAINT ui_tab_chat_uq UNIQUE (tenant_id, user_id, chat_id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ui_tab_chat_idx ON ui_tab (chat_id);

-- A small JSON object per user and chat that a client keeps for itself (open files, scroll position, draft).
CREATE TABLE chat_client_state (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    chat_id     UUID        NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
    document    TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT chat_client_state_owner_uq UNIQUE (tenant_id, user_id, chat_id)
);
CREATE INDEX chat_client_state_chat_idx ON chat_client_state (chat_id);

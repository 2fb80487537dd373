-- Who belongs to a project and with which role. A user sees only the projects they belong to and their chats;
-- viewers read, editors also change chats and send, owners also manage the members.
CREATE TABLE project_member (
    project_id  UUID        NOT NULL REFERENCES project (id),
    user_id     TEXT        NOT NULL,
    tenant_id   TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    added_by    TEXT        NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
-- A user's projects, for the project list and for every chat list and search they make.
CREATE INDEX project_member_user_idx ON project_member (tenant_id, user_id, project_id);

-- Before membership every user of a tenant saw every project; from now on the creator owns it.
INSERT INTO project_member (project_id, user_id, tenant_id, role, added_by, added_at)
SELECT id, owner_id, tenant_id, 'OWNER', owner_id, created_at FROM project;

-- Every change a user makes, for the tenant's admins: who, what, when, on which project, chat or view.
CREATE TABLE audit_entry (
    id          BIGSERIAL   PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    actor_id    TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    project_id  UUID,
    chat_id     UUID,
    target_id   TEXT,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_entry_tenant_idx ON audit_entry (tenant_id, id DESC);

-- Last seq of the project's own session.lifecycle records (ProjectMemberChanged, keyed by the project's id).
ALTER TABLE project ADD COLUMN lifecycle_seq BIGINT NOT NULL DEFAULT 0;

-- Unread counts without counting messages: how many messages a read position covered when it was set
-- (messages only arrive with higher seqs), so that unread = the chat's message count less this.
ALTER TABLE chat_read ADD COLUMN read_count BIGINT NOT NULL DEFAULT 0;
UPDATE chat_read r SET read_count = (SELECT count(*) FROM message m
                                     WHERE m.chat_id = r.chat_id AND m.seq <= r.last_read_seq);

-- Projects this service keeps a bare repository for; the first tenant to use a project id owns it.
create table project (
    project_id uuid primary key,
    tenant_id  text        not null,
    created_at timestamptz not null
);

-- One row per chat: its branch and the position of its stream on workspace.events.
create table workspace (
    chat_id        uuid primary key,
    tenant_id      text        not null,
    -- null only for a FAILED workspace whose event named no project
    project_id     uuid,
    branch         text        not null,
    head_commit    text,
    status         text        not null check (status in ('READY', 'FAILED', 'REMOVED')),
    failure_reason text,
    last_seq       bigint      not null check (last_seq >= 0),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create index workspace_tenant_idx on workspace (tenant_id, chat_id);
create index workspace_project_idx on workspace (project_id);

-- Events written with the state change they announce, published after commit.
create table outbox_event (
    event_id     uuid primary key,
    chat_id      uuid        not null,
    tenant_id    text        not null,
    seq          bigint      not null,
    type         text        not null,
    envelope     text        not null,
    created_at   timestamptz not null,
    published_at timestamptz,
    -- two writers racing on one chat cannot both claim a seq: the stream stays gapless and unique
    constraint outbox_event_chat_seq_uq unique (chat_id, seq)
);

create index outbox_event_unpublished_idx on outbox_event (created_at) where published_at is null;

-- A project's GitHub repository and the access token its chats open pull requests with. The token is stored only
-- encrypted (AES-GCM, with a key the database never sees: docs/agent-tools.md).
create table project_github (
    project_id      uuid primary key references project (project_id) on delete cascade,
    tenant_id       text        not null,
    repository      text        not null,
    default_branch  text        not null,
    sealed_token    text        not null,
    connected_at    timestamptz not null
);

-- A chat's latest pull request, as last seen on GitHub.
create table pull_request (
    chat_id      uuid primary key,
    tenant_id    text        not null,
    project_id   uuid        not null,
    repository   text        not null,
    number       integer     not null check (number > 0),
    url          text        not null,
    title        text        not null,
    branch       text        not null,
    base_branch  text        not null,
    state        text        not null check (state in ('open', 'closed', 'merged')),
    opened_at    timestamptz not null,
    checked_at   timestamptz not null
);
create index pull_request_open on pull_request (checked_at) where state = 'open';

alter table project add column close_pull_requests_on_archive boolean not null default false;

grant select, insert, update, delete on project_github, pull_request to ${app_role};

alter table project_github enable row level security;
alter table project_github force row level security;
create policy project_github_of_tenant on project_github
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table pull_request enable row level security;
alter table pull_request force row level security;
create policy pull_request_of_tenant on pull_request
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

-- The periodic refresh looks across tenants for the pull requests still open, as the relay role: it learns which
-- chat of which tenant has one, and nothing more; each refresh then runs as that tenant.
grant select (chat_id, tenant_id, state, checked_at) on pull_request to ${relay_role};
create policy pull_request_open_for_refresh on pull_request for select to ${relay_role}
    using (state = 'open');

-- The latest import of an existing repository into a project, and where it stands. The access token of a remote
-- is never stored: a retry names it again.
create table repository_import (
    project_id     uuid primary key,
    tenant_id      text        not null,
    source         text        not null,
    branch         text,
    state          text        not null check (state in ('cloning', 'imported', 'failed')),
    phase          text,
    percent        integer check (percent between 0 and 100),
    reason         text,
    default_branch text,
    head_commit    text,
    -- each start counts up; a job that finds another number was overtaken and writes nothing more
    attempt        bigint      not null,
    started_at     timestamptz not null,
    updated_at     timestamptz not null
);

grant select, insert, update, delete on repository_import to ${app_role};

alter table repository_import enable row level security;
alter table repository_import force row level security;
create policy repository_import_of_tenant on repository_import
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

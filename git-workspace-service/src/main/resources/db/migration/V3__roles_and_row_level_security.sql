-- The service's requests run as ${app_role}, which owns nothing: it may read and write the tenant tables and append
-- to the outbox (learning the new entry's id), nothing else. Only ${relay_role}, the outbox relay's role, reads,
-- updates and deletes outbox entries, which hold every tenant's events.
grant select, insert, update, delete on project, workspace to ${app_role};
grant insert, select (id) on outbox to ${app_role};
grant usage on sequence outbox_id_seq to ${app_role};
grant select, update, delete on outbox to ${relay_role};

-- Row-level security: every statement sees and writes only the rows of the tenant its transaction names with
-- set_config('app.tenant_id', <tenant>, true). A query that forgets its tenant filter still gets no other
-- tenant's row; a transaction that names no tenant gets none at all. FORCE holds the owner to it as well.
alter table project enable row level security;
alter table project force row level security;
create policy project_of_tenant on project
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table workspace enable row level security;
alter table workspace force row level security;
create policy workspace_of_tenant on workspace
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

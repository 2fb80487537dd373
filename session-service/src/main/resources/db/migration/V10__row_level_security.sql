-- Row-level security: every statement sees and writes only the rows of the tenant its transaction names with
-- set_config('app.tenant_id', <tenant>, true) (@TenantTransactional in the service). A query that forgets its
-- tenant filter still gets no other tenant's row; a transaction that names no tenant gets none at all. FORCE holds
-- the owner to it as well. Foreign keys and their cascades are checked by PostgreSQL across tenants, as before.

alter table project enable row level security;
alter table project force row level security;
create policy project_of_tenant on project
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table project_member enable row level security;
alter table project_member force row level security;
create policy project_member_of_tenant on project_member
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table chat enable row level security;
alter table chat force row level security;
create policy chat_of_tenant on chat
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table chat_read enable row level security;
alter table chat_read force row level security;
create policy chat_read_of_tenant on chat_read
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table chat_client_state enable row level security;
alter table chat_client_state force row level security;
create policy chat_client_state_of_tenant on chat_client_state
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table message enable row level security;
alter table message force row level security;
create policy message_of_tenant on message
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table tool_call enable row level security;
alter table tool_call force row level security;
create policy tool_call_of_tenant on tool_call
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table split_view enable row level security;
alter table split_view force row level security;
create policy split_view_of_tenant on split_view
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table ui_state enable row level security;
alter table ui_state force row level security;
create policy ui_state_of_tenant on ui_state
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table ui_tab enable row level security;
alter table ui_tab force row level security;
create policy ui_tab_of_tenant on ui_tab
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_entry_of_tenant on audit_entry
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

-- A pane has no tenant of its own: it is its view's, which the view's policy already decides.
alter table view_pane enable row level security;
alter table view_pane force row level security;
create policy view_pane_of_tenant on view_pane
    using (exists (select 1 from split_view v where v.id = view_pane.view_id))
    with check (exists (select 1 from split_view v where v.id = view_pane.view_id));

-- The daily audit retention deletes every tenant's old entries: cross-tenant work, done as the relay role, which
-- may see when an entry was written and delete it, and nothing else of the audit log.
grant select (at), delete on audit_entry to ${relay_role};
create policy audit_entry_retention_reads on audit_entry for select to ${relay_role} using (true);
create policy audit_entry_retention on audit_entry for delete to ${relay_role} using (true);

-- Row-level security, as in session-service and git-workspace-service: every statement sees and writes only the
-- rows of the tenant its transaction names with set_config('app.tenant_id', <tenant>, true) (TenantSql in the
-- service, for every call about one chat, reads included). A query that forgets its tenant filter still gets no
-- other tenant's row; a transaction that names no tenant gets none at all. FORCE holds the owner to it as well.
alter table turn enable row level security;
alter table turn force row level security;
create policy turn_of_tenant on turn
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table chat_stream enable row level security;
alter table chat_stream force row level security;
create policy chat_stream_of_tenant on chat_stream
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

alter table chat_origin enable row level security;
alter table chat_origin force row level security;
create policy chat_origin_of_tenant on chat_origin
    using (tenant_id = current_setting('app.tenant_id', true))
    with check (tenant_id = current_setting('app.tenant_id', true));

-- Taking a partition over (StreamRecovery) reads every tenant's open turns and open activity windows on it before
-- it knows whose they are: cross-tenant work, done as ${relay_role}. It may read the columns recovery needs, of
-- every tenant's rows, and write nothing; it never sees an answer or a chat's origin. What it then changes of a
-- chat is changed as ${app_role}, in that chat's tenant's scope.
grant select (id, tenant_id, chat_id, client_message_id, user_id, text, model, status, rank) on turn
    to ${relay_role};
grant select (chat_id, tenant_id, partition, last_seq, pending_since) on chat_stream to ${relay_role};
create policy turn_recovery_reads on turn for select to ${relay_role} using (true);
create policy chat_stream_recovery_reads on chat_stream for select to ${relay_role} using (true);

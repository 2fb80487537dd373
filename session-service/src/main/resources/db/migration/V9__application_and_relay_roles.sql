-- The service's requests run as ${app_role}, which owns nothing: it may read and write these tables and append to
-- the outbox (learning the new entry's id). Only ${relay_role}, the outbox relay's role, reads, updates and deletes
-- outbox entries, which hold every tenant's events. A table added later grants what it needs in its own migration.
grant select, insert, update, delete on project, project_member, chat, chat_read, chat_client_state, message,
    tool_call, split_view, view_pane, ui_state, ui_tab, audit_entry to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
grant insert, select (id) on outbox to ${app_role};
grant select, update, delete on outbox to ${relay_role};

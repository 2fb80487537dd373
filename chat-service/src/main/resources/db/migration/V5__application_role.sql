-- The service's requests run as ${app_role}, which owns nothing: it may read and write these tables and draw
-- from their sequences. A table added later grants what it needs in its own migration.
grant select, insert, update, delete on turn, chat_stream, chat_origin to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};

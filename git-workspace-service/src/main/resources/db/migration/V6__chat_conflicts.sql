-- The chat's part of its project's conflict radar as last announced (ConflictsChanged), as JSON: the next
-- refresh announces only a change.
alter table workspace add column conflicts text not null default '[]';

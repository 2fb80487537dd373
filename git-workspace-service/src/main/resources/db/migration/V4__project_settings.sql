-- Per-project choice: a deleted chat's branch stays in the repository (its working directory still goes).
alter table project add column keep_branches_on_delete boolean not null default false;

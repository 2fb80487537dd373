-- Whether the import's source is a remote URL or a local path, so a later fetch goes back to it the same way.
alter table repository_import add column source_kind text not null default 'url'
    check (source_kind in ('url', 'path'));

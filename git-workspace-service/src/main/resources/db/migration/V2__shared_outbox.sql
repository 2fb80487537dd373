-- The outbox becomes service-kit's shared one (io.switchboard.kit.outbox), the same table session-service has:
-- entries are deleted once Kafka acknowledged them, instead of being marked published.
create table outbox (
    id               bigserial primary key,
    chat_id          text        not null,
    seq              bigint,
    event_type       text,
    event_json       text        not null,
    created_at       timestamptz not null default now(),
    -- publication attempts that failed, and the last failure
    attempts         int         not null default 0,
    last_error       text,
    -- set when the entry can never be published: kept for an operator, no longer holding up its chat
    dead_lettered_at timestamptz
);

-- Two writers racing on one chat cannot both claim a seq: the stream stays gapless and unique.
create unique index outbox_chat_seq_uq on outbox (chat_id, seq);
-- The relay's claim (oldest pending first) and its look for an older pending entry of the same chat.
create index outbox_pending_idx on outbox (id) where dead_lettered_at is null;
create index outbox_pending_chat_idx on outbox (chat_id, id) where dead_lettered_at is null;

-- Wakes the relays: PostgreSQL delivers the notification when the writing transaction commits, never before.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('switchboard_outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Events not yet published move over, each chat's in seq order (the relay keeps the order of ids within a
-- chat); the published ones were history only.
insert into outbox (chat_id, seq, event_type, event_json, created_at)
select chat_id::text, seq, type, envelope, created_at
from outbox_event
where published_at is null
order by chat_id, seq;

drop table outbox_event;

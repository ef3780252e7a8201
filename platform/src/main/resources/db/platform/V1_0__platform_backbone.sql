-- Tables every service has: the transactional outbox, the inbox of processed events, the audit trail.
-- Platform migrations are numbered 1.x; a service's own migrations start at 2.

create table outbox_event (
    id             uuid        primary key,
    seq            bigserial   not null unique,
    topic          text        not null,
    event_type     text        not null,
    aggregate_type text        not null,
    aggregate_key  text        not null,
    payload        jsonb       not null,
    occurred_at    timestamptz not null,
    status         text        not null default 'PENDING' check (status in ('PENDING', 'PUBLISHED')),
    attempts       integer     not null default 0,
    last_error     text,
    last_attempt_at timestamptz,
    published_at   timestamptz
);
-- The relay reads pending rows in commit-compatible order; published rows are left out of this index.
create index outbox_event_pending on outbox_event (seq) where status = 'PENDING';

create table processed_event (
    consumer      text        not null,
    event_id      text        not null,
    event_type    text,
    topic         text        not null,
    kafka_partition integer   not null,
    kafka_offset  bigint      not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

create table audit_entry (
    id             bigserial   primary key,
    occurred_at    timestamptz not null,
    actor          text        not null,
    actor_roles    text,
    actor_agency   text,
    action         text        not null,
    object_type    text        not null,
    object_id      text,
    outcome        text        not null,
    request_id     text,
    source_address text
);
create index audit_entry_object on audit_entry (object_type, object_id);

-- The last applied ce_sequence per consumer and key of a snapshot copy (platform AgencyRegistryCopy): a snapshot that
-- is not newer than the one applied is skipped. One row per consumer and agency.
create table snapshot_sequence (
    consumer     text        not null,
    snapshot_key text        not null,
    sequence     bigint      not null,
    event_id     text        not null,
    applied_at   timestamptz not null default now(),
    primary key (consumer, snapshot_key)
);

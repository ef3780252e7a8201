-- The inbox forgets old processed_event rows (InboxRetention, after platform.inbox.retention); what they proved is kept
-- per consumer and partition as a floor: every record of that partition at or below floor_offset whose ce_time is at
-- or before floor_time was handled, so a replay of those records (a consumer group's offsets lost or reset to the
-- start of a topic that keeps its events for years) is skipped without a row per event. The time condition keeps a
-- topic that was deleted and created again (its offsets start anew) from losing its new records to the old floor.
alter table processed_event add column event_time timestamptz;

create table inbox_floor (
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    floor_offset    bigint      not null,
    floor_time      timestamptz not null,
    primary key (consumer, topic, kafka_partition)
);

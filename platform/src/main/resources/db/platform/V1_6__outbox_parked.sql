-- An outbox row Kafka refuses for good (too large, a topic name Kafka cannot have) is PARKED with its reason
-- (last_error) by the relay, so the rows behind it go on; readiness and outbox_events_parked show it.
alter table outbox_event drop constraint outbox_event_status_check;
alter table outbox_event add constraint outbox_event_status_check
    check (status in ('PENDING', 'PUBLISHED', 'PARKED'));
create index outbox_event_parked on outbox_event (seq) where status = 'PARKED';

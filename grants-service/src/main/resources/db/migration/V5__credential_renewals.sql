-- EO 13929 Sec. 2(b): a renewal refused (DENIED or WITHDRAWN) while the agency's earlier credential is still in force
-- leaves the agency credentialed by the earlier one. The projection keeps the credential a renewal renews (its id,
-- body, status, validity and the last event about it), beside the agency's latest credential.
alter table credential_projection
    add column earlier_credential_id   uuid,
    add column earlier_body_id         uuid,
    add column earlier_status          text,
    add column earlier_valid_until     date,
    add column earlier_status_since    timestamptz,
    add column earlier_event_id        text,
    add column earlier_event_type      text,
    add column earlier_event_time      timestamptz,
    add column earlier_sequence        bigint;
-- A body's change re-decides every agency whose latest or earlier credential names it.
create index credential_projection_earlier_body on credential_projection (earlier_body_id)
    where earlier_body_id is not null;

-- Idempotency-Key: one row per caller and key, written in the transaction of the change it answers for, so a retry
-- whose first answer was lost (a crash, a timeout) finds it and gets that answer instead of changing anything again.
create table idempotent_request (
    caller        text        not null,
    idem_key      text        not null,
    method        text        not null,
    path          text        not null,
    request_hash  text        not null,
    status        integer     not null,
    response_body text,
    location      text,
    created_at    timestamptz not null,
    primary key (caller, idem_key)
);
create index idempotent_request_created on idempotent_request (created_at);

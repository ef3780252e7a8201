-- Bulk submissions that carried an Idempotency-Key: a retry of the same key for the same program is answered with the
-- first answer and stores nothing again. Written in the transaction that stores the batch.
create table encounter_submission (
    program_id      uuid        not null references coresponder_program (id),
    idempotency_key text        not null,
    accepted        integer     not null,
    submitted_at    timestamptz not null,
    primary key (program_id, idempotency_key)
);

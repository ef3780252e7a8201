-- Co-responder and community-support programs (Sec. 4), their clinicians and their status history.

create table coresponder_program (
    id                      uuid        primary key,
    ori                     varchar(9)  not null,
    partner_organization    text        not null,
    model                   text        not null,
    status                  text        not null check (status in ('PLANNED', 'ACTIVE', 'SUSPENDED', 'ENDED')),
    coverage_hours_per_week integer     not null check (coverage_hours_per_week between 1 and 168),
    coverage_area           text,
    version                 bigint      not null default 0,
    created_at              timestamptz not null,
    updated_at              timestamptz not null
);
create index coresponder_program_ori on coresponder_program (ori);
create index coresponder_program_model on coresponder_program (model);

-- Clinicians are counted, never named: a type and the hours each works with the program per week.
create table program_clinician (
    program_id     uuid    not null references coresponder_program (id),
    position       integer not null,
    clinician_type text    not null check (clinician_type in ('SOCIAL_WORKER', 'MENTAL_HEALTH_PROFESSIONAL')),
    weekly_hours   integer not null check (weekly_hours between 1 and 80),
    primary key (program_id, position)
);

create table program_status_change (
    id          uuid        primary key,
    program_id  uuid        not null references coresponder_program (id),
    from_status text,
    to_status   text        not null,
    reason      text,
    changed_by  text        not null,
    changed_at  timestamptz not null
);
create index program_status_change_program on program_status_change (program_id, changed_at);

-- De-identified encounters (Sec. 4): no client name, date of birth, address or free text has a column here.
create table encounter (
    id                 bigint      generated always as identity primary key,
    program_id         uuid        not null references coresponder_program (id),
    ori                varchar(9)  not null,
    occurred_at        timestamptz not null,
    reasons            text[]      not null,
    clinician_on_scene boolean     not null,
    response_minutes   smallint    check (response_minutes between 0 and 1440),
    outcome            text        not null,
    force_used         boolean     not null,
    injuries           text[]      not null,
    follow_up          boolean     not null,
    submitted_at       timestamptz not null
);
create index encounter_program_time on encounter (program_id, occurred_at);

-- Running totals per program, kept in the same transaction as every encounter insert, so the survey reads a few
-- rows per program instead of every encounter.
create table program_encounter_totals (
    program_id            uuid   primary key references coresponder_program (id),
    encounters            bigint not null,
    resolved_on_scene     bigint not null,
    referred_to_services  bigint not null,
    voluntary_transport   bigint not null,
    involuntary_hold      bigint not null,
    arrest                bigint not null,
    no_contact            bigint not null,
    force_used            bigint not null,
    injuries              bigint not null,
    follow_up             bigint not null,
    clinician_on_scene    bigint not null,
    with_response_minutes bigint not null
);

-- How many of a program's encounters had each response time: the exact distribution the median is read from.
create table program_response_minutes (
    program_id uuid     not null references coresponder_program (id),
    minutes    smallint not null,
    encounters bigint   not null,
    primary key (program_id, minutes)
);

-- Sec. 5 beyond the first slice: reporting and co-responder standing from events, grant programs, per-program
-- eligibility of applicants, applications and awards. Money is numeric, never floating point.

-- Every history row says for which grant program it was decided (null: the conditions every DOJ discretionary
-- grant carries) and from when it holds: the time of the event that caused it, so a replay rebuilds the same history.
alter table eligibility_history add column grant_program_id uuid;
alter table eligibility_history add column effective_at timestamptz;
update eligibility_history set effective_at = changed_at;
alter table eligibility_history alter column effective_at set not null;
drop index eligibility_history_agency;
create index eligibility_history_agency on eligibility_history (ori, grant_program_id, rule, effective_at);

-- records.reporting.v1: the agency's latest reporting standing (Sec. 3(d)).
create table reporting_projection (
    ori             text        primary key,
    period          text,
    status          text        not null,
    current         boolean     not null,
    period_end      date,
    due_date        date,
    last_event_id   text        not null,
    last_event_type text        not null,
    last_event_time timestamptz,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null
);

-- coresponder.events.v1: every co-responder program of every agency, with its latest status.
create table coresponder_program_projection (
    program_id           uuid        primary key,
    ori                  text        not null,
    partner_organization text,
    model                text,
    status               text        not null,
    last_event_id        text        not null,
    last_event_type      text        not null,
    last_event_time      timestamptz,
    last_sequence        bigint      not null,
    updated_at           timestamptz not null
);
create index coresponder_program_projection_agency on coresponder_program_projection (ori);

-- coresponder.events.v1: the agency's officer training coverage (trained / sworn).
create table training_projection (
    ori              text         primary key,
    trained_officers integer      not null,
    sworn_officers   integer      not null,
    coverage         numeric(7,6) not null check (coverage >= 0 and coverage <= 1),
    last_event_id    text         not null,
    last_event_type  text         not null,
    last_event_time  timestamptz,
    last_sequence    bigint       not null,
    updated_at       timestamptz  not null
);

create table grant_program (
    id                        uuid          primary key,
    name                      text          not null,
    area                      text          not null,
    fiscal_year               integer       not null,
    appropriation             numeric(15,2) not null check (appropriation > 0),
    application_opens         date          not null,
    application_closes        date          not null,
    -- comma separated AgencyType names; empty: every type
    allowed_agency_types      text          not null,
    -- comma separated rule codes
    rules                     text          not null,
    minimum_training_coverage numeric(7,6) check (minimum_training_coverage >= 0 and minimum_training_coverage <= 1),
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    check (application_opens <= application_closes)
);

-- Per-program eligibility of each agency that applied to the program, kept current from events like the general one.
create table program_eligibility (
    grant_program_id uuid        not null references grant_program (id),
    ori              text        not null,
    eligible         boolean     not null,
    rules            jsonb       not null,
    decided_at       timestamptz not null,
    primary key (grant_program_id, ori)
);
create index program_eligibility_agency on program_eligibility (ori);

create table grant_application (
    id                        uuid          primary key,
    grant_program_id          uuid          not null references grant_program (id),
    ori                       text          not null,
    requested_amount          numeric(15,2) not null check (requested_amount > 0),
    purpose                   text          not null,
    status                    text          not null check (status in ('SUBMITTED', 'AWARDED')),
    eligibility_at_submission jsonb         not null,
    submitted_at              timestamptz   not null,
    submitted_by              text          not null,
    unique (grant_program_id, ori)
);

create table grant_award (
    id                    uuid          primary key,
    application_id        uuid          not null unique references grant_application (id),
    grant_program_id      uuid          not null references grant_program (id),
    ori                   text          not null,
    amount                numeric(15,2) not null check (amount > 0),
    eligibility_at_award  jsonb         not null,
    awarded_at            timestamptz   not null,
    awarded_by            text          not null,
    flagged               boolean       not null default false,
    flag_reason           text,
    flagged_at            timestamptz,
    flag_cleared_at       timestamptz
);
create index grant_award_agency on grant_award (ori, grant_program_id);
create index grant_award_program on grant_award (grant_program_id);

-- Officers, misconduct records with fair process and history, checks and the disclosure accounting, disputes,
-- agency feeds, continuous-check enrollments, the local agency registry, reporting compliance, public releases.
-- Nothing officer-level is ever deleted: triggers refuse deletes of records, history and disclosures.

create extension if not exists pg_trgm;

create table officer (
    id                   uuid        primary key,
    first_name           text        not null,
    middle_name          text,
    last_name            text        not null,
    date_of_birth        date        not null,
    state                varchar(2)  not null,
    certification_number text        not null,
    -- "first last", lower case, letters and spaces only: compared with pg_trgm similarity
    name_normalized      text        not null,
    -- Soundex of the last name, computed in Java: matches spelling variants that sound alike
    last_name_key        varchar(4)  not null,
    created_by_ori       varchar(9)  not null,
    created_at           timestamptz not null,
    version              bigint      not null default 0,
    constraint officer_certification unique (state, certification_number)
);
-- Name + date-of-birth checks: the date narrows a million officers to a few dozen, then names are scored.
create index officer_dob_name_key on officer (date_of_birth, last_name_key);

create table officer_employment (
    id          uuid        primary key,
    officer_id  uuid        not null references officer (id),
    ori         varchar(9)  not null,
    position    text,
    start_date  date,
    end_date    date,
    recorded_at timestamptz not null,
    constraint officer_employment_once unique (officer_id, ori, start_date)
);
create index officer_employment_ori on officer_employment (ori);

create table bulk_submission (
    id            uuid        primary key,
    ori           varchar(9)  not null,
    client_key    text        not null,
    request_hash  text        not null,
    record_ids    uuid[]      not null,
    submitted_at  timestamptz not null,
    submitted_by  text        not null,
    constraint bulk_submission_key unique (ori, client_key)
);

create table misconduct_record (
    id                       uuid        primary key,
    officer_id               uuid        not null references officer (id),
    submitting_ori           varchar(9)  not null,
    category                 text        not null,
    incident_date            date,
    summary                  text        not null,
    notice_date              date,
    response_date            date,
    hearing_held             boolean     not null default false,
    final_adjudication_date  date,
    adjudication             text,
    appeal_status            text        not null,
    status                   text        not null,
    officer_statement        text,
    reporting_period         text        not null,
    bulk_submission_id       uuid        references bulk_submission (id),
    submitted_at             timestamptz not null,
    submitted_by             text        not null,
    updated_at               timestamptz not null,
    version                  bigint      not null default 0
);
create index misconduct_record_officer on misconduct_record (officer_id);
create index misconduct_record_agency on misconduct_record (submitting_ori, submitted_at);
create index misconduct_record_period on misconduct_record (submitting_ori, reporting_period);

create table record_history (
    id          bigserial   primary key,
    record_id   uuid        not null references misconduct_record (id),
    from_status text,
    to_status   text        not null,
    action      text        not null,
    reason      text,
    changes     jsonb,
    actor       text        not null,
    actor_ori   varchar(9),
    occurred_at timestamptz not null
);
create index record_history_record on record_history (record_id, id);

create table background_check (
    id           uuid        primary key,
    ori          varchar(9)  not null,
    requested_by text        not null,
    purpose      text        not null,
    query_kind   text        not null,
    performed_at timestamptz not null
);
create index background_check_ori on background_check (ori, performed_at);

-- Officers a check found: the basis for enrolling them in continuous checks.
create table check_subject (
    check_id    uuid         not null references background_check (id),
    officer_id  uuid         not null references officer (id),
    match_score numeric(4,3) not null,
    primary key (check_id, officer_id)
);
create index check_subject_officer on check_subject (officer_id);

-- The accounting of disclosures: one row per record disclosed, written in the transaction of the read.
create table disclosure (
    id             uuid        primary key,
    check_id       uuid        not null references background_check (id),
    record_id      uuid        not null references misconduct_record (id),
    officer_id     uuid        not null references officer (id),
    recipient_ori  varchar(9)  not null,
    recipient_user text        not null,
    purpose        text        not null,
    record_status  text        not null,
    content        jsonb       not null,
    disclosed_at   timestamptz not null
);
create index disclosure_record on disclosure (record_id);
create index disclosure_officer on disclosure (officer_id, disclosed_at);
create index disclosure_check on disclosure (check_id);

create table dispute (
    id               uuid        primary key,
    record_id        uuid        not null references misconduct_record (id),
    officer_id       uuid        not null references officer (id),
    statement        text        not null,
    status           text        not null,
    filed_at         timestamptz not null,
    acknowledged_at  timestamptz not null,
    response_due     date        not null,
    decided_at       timestamptz,
    decided_by       text,
    decision_reason  text,
    version          bigint      not null default 0
);
create index dispute_record on dispute (record_id);
create index dispute_open on dispute (filed_at) where status = 'OPEN';

create table agency_notification (
    id          uuid        primary key,
    ori         varchar(9)  not null,
    kind        text        not null,
    record_id   uuid        not null references misconduct_record (id),
    officer_id  uuid        not null references officer (id),
    message     text        not null,
    details     jsonb,
    created_at  timestamptz not null
);
create index agency_notification_feed on agency_notification (ori, created_at);

create table continuous_enrollment (
    id           uuid        primary key,
    ori          varchar(9)  not null,
    officer_id   uuid        not null references officer (id),
    enrolled_by  text        not null,
    enrolled_at  timestamptz not null,
    constraint continuous_enrollment_once unique (ori, officer_id)
);
create index continuous_enrollment_officer on continuous_enrollment (officer_id);

-- The agencies that must report, copied from agency-registry.v1.
create table agency (
    ori           varchar(9)  primary key,
    name          text        not null,
    agency_type   text,
    state         varchar(2)  not null,
    active        boolean     not null,
    source_version bigint     not null,
    updated_at    timestamptz not null
);

create table reporting_report (
    ori           varchar(9)  not null,
    period        text        not null,
    zero_report   boolean     not null,
    record_count  integer     not null,
    submitted_at  timestamptz not null,
    submitted_by  text        not null,
    primary key (ori, period)
);

-- An agency's standing per period; a period without a row is OPEN.
create table reporting_status (
    ori         varchar(9)  not null,
    period      text        not null,
    status      text        not null,
    period_end  date        not null,
    due_date    date        not null,
    changed_at  timestamptz not null,
    primary key (ori, period)
);
create index reporting_status_delinquent on reporting_status (ori) where status = 'DELINQUENT';

create table public_release (
    id           uuid        primary key,
    version      integer     not null unique,
    year         integer     not null,
    title        text        not null,
    coverage     numeric(5,4) not null,
    methodology  text        not null,
    tables       jsonb       not null,
    suppressed_cells integer not null,
    published_at timestamptz not null,
    published_by text        not null
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% of % is not allowed: history is kept', tg_op, tg_table_name;
end $$;
create trigger misconduct_record_kept before delete on misconduct_record for each row execute function refuse_change();
create trigger record_history_kept before update or delete on record_history for each row execute function refuse_change();
create trigger disclosure_kept before update or delete on disclosure for each row execute function refuse_change();
create trigger officer_kept before delete on officer for each row execute function refuse_change();
create trigger public_release_immutable before update or delete on public_release for each row execute function refuse_change();

-- What this service keeps of the agency registry (agency-registry.v1, produced by credentialing-service): the sworn
-- officers and population that training coverage and clinician capacity are measured against. Each row remembers
-- the ce_sequence of the last snapshot applied, so a late or replayed snapshot is ignored.
create table agency (
    ori               varchar(9)  primary key,
    name              text,
    agency_type       text,
    state             varchar(2)  not null,
    sworn_officers    integer,
    population_served bigint,
    active            boolean     not null,
    last_event_id     text        not null,
    last_sequence     bigint      not null,
    updated_at        timestamptz not null
);
create index agency_state on agency (state);

-- Officer training for mental health, homelessness and addiction encounters.
create table training_course (
    code       text        primary key,
    title      text        not null,
    hours      integer     not null check (hours between 1 and 400),
    created_at timestamptz not null default now()
);
insert into training_course (code, title, hours) values
    ('CIT_40H', 'Crisis Intervention Team (CIT) basic course, 40 hours', 40),
    ('MHFA_PUBLIC_SAFETY', 'Mental Health First Aid for public safety', 8),
    ('DEESCALATION', 'De-escalation and integrating communications, assessment and tactics', 16),
    ('HOMELESSNESS_OUTREACH', 'Encounters with people experiencing homelessness', 8),
    ('SUBSTANCE_USE_RESPONSE', 'Substance use and overdose response', 8);

-- One row per officer and course. The officer is the agency's own pseudonymous reference, never a name.
create table training_completion (
    ori          varchar(9)  not null,
    officer_ref  text        not null,
    course_code  text        not null references training_course (code),
    completed_on date        not null,
    recorded_at  timestamptz not null,
    primary key (ori, officer_ref, course_code)
);

-- The coverage last published per agency (TrainingCoverageChanged): an event is written only when it changes.
create table training_coverage (
    ori              varchar(9)  primary key,
    trained_officers integer     not null,
    sworn_officers   integer     not null,
    coverage         double precision not null,
    changed_at       timestamptz not null
);

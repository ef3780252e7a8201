-- Issue 13, Sec. 3: fair process by category, Sec. 3(b)'s qualifiers as data, corrected records kept and disclosed
-- corrected, every disclosure accounted (continuous-check notices too), the officer's own notice feed, and report
-- revisions when records arrive for a period already reported.

-- Fair process by category: a resignation under investigation has no appeal; a court's judgment has its own date.
alter table misconduct_record alter column appeal_status drop not null;
alter table misconduct_record
    add column judgment_date              date,
    -- the day the process became final (by the category's rule): public statistics count records by its year
    add column final_on                   date,
    -- Sec. 3(b)'s qualifiers, as the submitter states them
    add column on_duty_conduct            boolean,
    add column improper_use_of_force      boolean,
    add column use_of_force_investigation boolean,
    -- the latest correction decided on a dispute (AMEND): disclosed with the record
    add column correction_reason          text,
    add column correction_changes         text,
    add column corrected_at               timestamptz;
update misconduct_record set final_on = final_adjudication_date where status not in ('SUBMITTED', 'PENDING_FAIR_PROCESS');
update misconduct_record set on_duty_conduct = true where category = 'CRIMINAL_CONVICTION';
update misconduct_record set improper_use_of_force = true where category = 'CIVIL_JUDGMENT';
update misconduct_record set use_of_force_investigation = true
    where category in ('RESIGNED_UNDER_INVESTIGATION', 'RETIRED_UNDER_INVESTIGATION');

-- A continuous-check notice that reveals a record is a disclosure too: it has an enrollment, not a check.
alter table disclosure alter column check_id drop not null;
alter table disclosure
    add column channel       text not null default 'CHECK',
    add column enrollment_id uuid references continuous_enrollment (id),
    add constraint disclosure_source check ((channel = 'CHECK' and check_id is not null)
        or (channel = 'CONTINUOUS_CHECK' and enrollment_id is not null));

-- What the officer is told about records of them (Sec. 3(a): due process): submitted, disclosable, disclosed, decided.
create table officer_notice (
    id          uuid        primary key,
    officer_id  uuid        not null references officer (id),
    kind        text        not null,
    record_id   uuid        not null references misconduct_record (id),
    message     text        not null,
    details     jsonb,
    created_at  timestamptz not null
);
create index officer_notice_feed on officer_notice (officer_id, created_at);
create trigger officer_notice_kept before update or delete on officer_notice for each row execute function refuse_change();

-- A report changes when records arrive for its period later (a zero report becomes an amended report): each
-- revision is kept.
alter table reporting_report
    add column revision   integer not null default 1,
    add column amended_at timestamptz;
create table reporting_report_revision (
    ori           varchar(9)  not null,
    period        text        not null,
    revision      integer     not null,
    zero_report   boolean     not null,
    record_count  integer     not null,
    reason        text        not null,
    recorded_at   timestamptz not null,
    recorded_by   text        not null,
    primary key (ori, period, revision)
);
insert into reporting_report_revision (ori, period, revision, zero_report, record_count, reason, recorded_at, recorded_by)
select ori, period, 1, zero_report, record_count, 'reported', submitted_at, submitted_by from reporting_report;
create trigger reporting_report_revision_kept before update or delete on reporting_report_revision
    for each row execute function refuse_change();

-- Sec. 3(d): every agency has a standing from the moment records-service learns of it; this marks that its first
-- standing was published on records.reporting.v1 (agencies stored earlier get theirs at the next delinquency check).
alter table agency add column standing_published_at timestamptz;

-- State POST boards are actors (Sec. 3(b) de-certifications): a board's record names its state, not an agency.
-- Where a board is a recipient (checks, feeds, disclosures, bulk keys) its key is POST-<state>, which no ORI can be
-- (an ORI is 9 letters and digits).
alter table misconduct_record alter column submitting_ori drop not null;
alter table misconduct_record
    add column submitting_state varchar(2),
    add constraint misconduct_record_submitter check ((submitting_ori is null) <> (submitting_state is null));
create index misconduct_record_board on misconduct_record (submitting_state, submitted_at) where submitting_state is not null;

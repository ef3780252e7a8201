-- The versioned standards catalog (DOJ-2020 seeded), credential assessments and decisions, renewals, and the
-- indexes that registry search, reports and the expiry jobs read.

create table standards_version (
    version      text        primary key,
    title        text        not null,
    published_at timestamptz not null,
    published_by text        not null
);

create table standard (
    version      text        not null references standards_version (version),
    code         text        not null check (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    kind         text        not null check (kind in ('MANDATORY', 'ASSESSED', 'ENCOURAGED')),
    title        text        not null,
    position     integer     not null,
    primary key (version, code)
);

insert into standards_version (version, title, published_at, published_by)
values ('DOJ-2020', 'Attorney General''s certification standards (28 October 2020)', '2020-10-28T00:00:00Z', 'seed');

insert into standard (version, code, kind, title, position) values
 ('DOJ-2020', 'UOF_LAWFUL', 'MANDATORY', 'Use-of-force policies adhere to all applicable federal, state and local law', 1),
 ('DOJ-2020', 'CHOKEHOLD_BAN', 'MANDATORY', 'Chokeholds are prohibited except where the use of deadly force is allowed by law', 2),
 ('DOJ-2020', 'UOF_TRAINING', 'ASSESSED', 'Use-of-force training', 3),
 ('DOJ-2020', 'DEESCALATION_TRAINING', 'ASSESSED', 'De-escalation training', 4),
 ('DOJ-2020', 'DUTY_TO_INTERVENE', 'ASSESSED', 'Duty to intervene', 5),
 ('DOJ-2020', 'MEDICAL_AID', 'ASSESSED', 'Rendering medical aid', 6),
 ('DOJ-2020', 'DEADLY_FORCE_WARNING', 'ASSESSED', 'Identification and warning before the use of deadly force', 7),
 ('DOJ-2020', 'SHOOTING_MOVING_VEHICLES', 'ASSESSED', 'Shooting at or from moving vehicles', 8),
 ('DOJ-2020', 'WARNING_SHOTS', 'ASSESSED', 'Warning shots', 9),
 ('DOJ-2020', 'NO_KNOCK_WARRANTS', 'ASSESSED', 'No-knock warrants', 10),
 ('DOJ-2020', 'FORCE_TERMINATION', 'ASSESSED', 'Terminating the use of force once the subject is under control', 11),
 ('DOJ-2020', 'EARLY_INTERVENTION_SYSTEM', 'ENCOURAGED', 'Early intervention system', 12),
 ('DOJ-2020', 'RECRUITMENT_PROMOTION', 'ENCOURAGED', 'Recruitment, hiring and promotion practices', 13),
 ('DOJ-2020', 'COMMUNITY_ENGAGEMENT_PLAN', 'ENCOURAGED', 'Community engagement plan', 14);

-- A body's review is checked against the catalog version current when it applied.
alter table credentialing_body add column standards_version text not null default 'DOJ-2020' references standards_version (version);
create index credentialing_body_status on credentialing_body (status, term_end);

alter table agency_credential
    add column affirmed_by        text,
    add column affirmed_at        timestamptz,
    add column determination_date date,
    add column decided_by         text,
    add column unmet_standards    text[],
    add column renewal_of         uuid references agency_credential (id),
    add column superseded_by      uuid references agency_credential (id);
alter table agency_credential add constraint agency_credential_version
    foreign key (standards_version) references standards_version (version);

-- One credential in progress and one in force per agency; a renewal is sought while the earlier one is in force.
drop index agency_credential_open;
create unique index agency_credential_sought on agency_credential (ori) where status = 'SOUGHT';
create unique index agency_credential_in_force on agency_credential (ori)
    where status = 'CREDENTIALED' and superseded_by is null;
create index agency_credential_expiry on agency_credential (valid_until)
    where status = 'CREDENTIALED' and superseded_by is null;
create index agency_credential_body_status on agency_credential (body_id, status);

create table credential_assessment (
    credential_id  uuid        not null references agency_credential (id),
    standard_code  text        not null,
    outcome        text        not null check (outcome in ('MET', 'NOT_MET', 'NOT_APPLICABLE')),
    evidence_refs  text[]      not null default '{}',
    notes          text,
    assessed_by    text        not null,
    assessed_at    timestamptz not null,
    primary key (credential_id, standard_code)
);

-- Registry search: by state, type and name (a name fragment scans ~18,000 short rows, which is fast enough).
create index agency_name on agency (lower(name));
create index agency_type_state on agency (agency_type, state);

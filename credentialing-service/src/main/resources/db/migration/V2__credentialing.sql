-- Agencies (ORI master data), credentialing bodies, agency credentials.

create table agency (
    ori               varchar(9)  primary key,
    name              text        not null,
    agency_type       text        not null,
    state             varchar(2)  not null,
    county            text,
    sworn_officers    integer     check (sworn_officers >= 0),
    population_served bigint      check (population_served >= 0),
    urban_rural       text,
    active            boolean     not null default true,
    version           bigint      not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index agency_state on agency (state);

create table credentialing_body (
    id                uuid        primary key,
    name              text        not null,
    covered_standards text[]      not null,
    status            text        not null,
    status_reason     text,
    term_start        date,
    term_end          date,
    version           bigint      not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

create table agency_credential (
    id                uuid        primary key,
    ori               varchar(9)  not null references agency (ori),
    body_id           uuid        not null references credentialing_body (id),
    status            text        not null,
    standards_version text        not null,
    valid_from        date,
    valid_until       date,
    reason            text,
    sought_at         timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);
create index agency_credential_ori on agency_credential (ori);
create index agency_credential_body on agency_credential (body_id);
-- An agency has at most one credential in progress or in force at a time.
create unique index agency_credential_open on agency_credential (ori) where status in ('SOUGHT', 'CREDENTIALED');

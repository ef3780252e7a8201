-- The grants projection: upstream facts kept only from events (agency-registry.v1, credentialing.events.v1),
-- and each agency's eligibility decided from them. Every projected row remembers the last event applied to its
-- aggregate and that event's ce_sequence: an event with a sequence not above it is late or replayed, and is ignored.
-- All of it can be rebuilt by replaying the topics from the start.

create table agency_projection (
    ori             text        primary key,
    name            text,
    -- kept as the registry spells it, so a type added later upstream is stored rather than refused
    agency_type     text        not null,
    active          boolean     not null,
    last_event_id   text        not null,
    last_event_type text        not null,
    last_event_time timestamptz,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null
);

create table body_projection (
    body_id         uuid        primary key,
    name            text,
    status          text        not null,
    term_end        date,
    reason          text,
    last_event_id   text        not null,
    last_event_type text        not null,
    last_event_time timestamptz,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null
);

-- The agency's latest credential, whichever it is: events are keyed by ORI, so they arrive in order per agency.
create table credential_projection (
    ori             text        primary key,
    credential_id   uuid        not null,
    body_id         uuid        not null,
    status          text        not null,
    valid_until     date,
    unmet_standards text,
    reason          text,
    status_since    timestamptz,
    last_event_id   text        not null,
    last_event_type text        not null,
    last_event_time timestamptz,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null
);
-- A body's change re-decides every agency whose credential names it, in one query.
create index credential_projection_body on credential_projection (body_id);

-- The current answer per agency: every rule's outcome with its reason and deciding event.
create table agency_eligibility (
    ori        text        primary key,
    eligible   boolean     not null,
    rules      jsonb       not null,
    decided_at timestamptz not null
);

-- Every change of a rule's outcome, reason or deciding event, so "eligible on date X?" has an answer.
create table eligibility_history (
    id                    uuid        primary key,
    ori                   text        not null,
    rule                  text        not null,
    outcome               text        not null check (outcome in ('PASS', 'FAIL')),
    reason                text        not null,
    decided_by_event_id   text,
    decided_by_event_type text,
    decided_by_event_time timestamptz,
    changed_at            timestamptz not null
);
create index eligibility_history_agency on eligibility_history (ori, rule, changed_at);

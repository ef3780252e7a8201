-- Community-support programs not attached to a police agency (EO 13929 Sec. 4(c): the survey covers "community-support
-- models", including those run by a county health department or a nonprofit). Such a provider has its own identity and
-- no ORI; its programs live in coresponder_program with provider_id set and ori null (exactly one of the two).
create table community_provider (
    id            uuid        primary key,
    name          text        not null,
    kind          text        not null check (kind in ('COUNTY_HEALTH_DEPARTMENT', 'NONPROFIT', 'OTHER')),
    state         varchar(2)  not null check (state ~ '^[A-Z]{2}$'),
    county        text,
    registered_by text        not null,
    registered_at timestamptz not null
);
-- one provider per name (case-insensitive), state and county: registering it again is a 409
create unique index community_provider_identity on community_provider (lower(name), state, coalesce(lower(county), ''));
create index community_provider_state on community_provider (state);

alter table coresponder_program alter column ori drop not null;
alter table coresponder_program add column provider_id uuid references community_provider (id);
alter table coresponder_program add constraint coresponder_program_one_owner
    check ((ori is null) <> (provider_id is null));
create index coresponder_program_provider on coresponder_program (provider_id) where provider_id is not null;

-- an encounter of a community program has no ORI either
alter table encounter alter column ori drop not null;

-- The yearly list of eligible agencies per body (Sec. 2(b)): DOJ closes a year, which freezes a dated snapshot of the
-- body's list for that year in these rows. They are never recomputed, changed or deleted (the triggers refuse it).

create table eligible_list_closure (
    body_id    uuid        not null references credentialing_body (id),
    year       integer     not null check (year between 2020 and 9999),
    list_from  date        not null,
    list_to    date        not null,
    closed_at  timestamptz not null,
    closed_by  text        not null,
    entries    integer     not null,
    primary key (body_id, year)
);

create table eligible_list_entry (
    body_id           uuid        not null,
    year              integer     not null,
    position          integer     not null,
    ori               varchar(9)  not null,
    name              text        not null,
    agency_type       text        not null,
    state             varchar(2)  not null,
    county            text,
    credential_id     uuid        not null,
    status            text        not null,
    standards_version text        not null,
    sought_at         timestamptz not null,
    valid_from        date,
    valid_until       date,
    topics_not_met    text[],
    topics_not_assessed text[],
    primary key (body_id, year, position),
    foreign key (body_id, year) references eligible_list_closure (body_id, year)
);

create function eligible_list_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'a closed year''s eligible list is immutable';
end $$;
create trigger eligible_list_closure_immutable before update or delete on eligible_list_closure
    for each row execute function eligible_list_immutable();
create trigger eligible_list_entry_immutable before update or delete on eligible_list_entry
    for each row execute function eligible_list_immutable();

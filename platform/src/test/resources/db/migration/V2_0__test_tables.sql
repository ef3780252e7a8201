-- What the test consumers write: one row per effect, and a copy of the agency registry.
create table applied_event (
    id        bigserial primary key,
    consumer  text   not null,
    event_id  text   not null,
    event_key text   not null,
    seq       bigint not null
);
create table test_agency (
    ori      text primary key,
    name     text   not null,
    active   boolean not null,
    sequence bigint not null
);

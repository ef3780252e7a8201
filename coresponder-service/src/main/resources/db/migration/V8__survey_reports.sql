-- HHS's reports "to the President" (EO 13929 Sec. 4(c)): each a dated, immutable snapshot of the survey, stored as the
-- exact JSON published and never recomputed. Versions are numbered per period (calendar year) and scope (the nation,
-- state null, or one state); a later report of the same period is a new version.
create table survey_report (
    id           uuid        primary key,
    year         smallint    not null,
    state        varchar(2),
    version      integer     not null check (version >= 1),
    period       text        not null,
    published_at timestamptz not null,
    published_by text        not null,
    document     text        not null
);
create unique index survey_report_version on survey_report (year, coalesce(state, ''), version);
create index survey_report_published on survey_report (published_at);

-- Published is final (Sec. 4(c): the report as it went to the President): no row is ever changed or deleted.
create function survey_report_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'a published survey report is immutable (%)', tg_op using errcode = 'P0001';
end $$;
create trigger survey_report_immutable before update or delete on survey_report
    for each row execute function survey_report_refuse_change();

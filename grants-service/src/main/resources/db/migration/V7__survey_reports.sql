-- coresponder.events.v1: HHS's survey reports to the President (EO 13929 Sec. 4(c)) with the models each recommends,
-- best first. National reports (state null) rank the applications of co-responder grant programs (Sec. 4(d), 5(b)(i)).
-- A report is immutable; a later version of the same period and scope supersedes the earlier ones when ranking.
create table survey_report_projection (
    report_id          uuid        primary key,
    period             text        not null,
    year               integer     not null,
    state              text        check (state ~ '^[A-Z]{2}$'),
    version            integer     not null check (version >= 1),
    published_at       timestamptz not null,
    -- [{model, rank, recommendation, rule, rationale}], best first, as the event carried them
    recommended_models jsonb       not null,
    last_event_id      text        not null,
    last_event_type    text        not null,
    last_event_time    timestamptz,
    last_sequence      bigint      not null,
    updated_at         timestamptz not null
);
create index survey_report_projection_national on survey_report_projection (year, version) where state is null;

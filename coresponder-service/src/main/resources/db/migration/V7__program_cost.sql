-- What a program costs (EO 13929 Sec. 4(c): recommendations on reallocating appropriated funds and on additional
-- funding need costs): its annual budget for a calendar year and where the money comes from. One row per program and
-- year; a later report for the same year replaces it (a correction), and is audited.
create table program_cost (
    program_id        uuid        not null references coresponder_program (id),
    year              smallint    not null check (year between 2000 and 2100),
    annual_budget_usd bigint      not null check (annual_budget_usd between 1 and 100000000000),
    funding_source    text        not null check (funding_source in ('FEDERAL_GRANT', 'STATE_APPROPRIATION',
                                      'LOCAL_GENERAL_FUND', 'MEDICAID', 'PRIVATE_PHILANTHROPY', 'OTHER')),
    reported_by       text        not null,
    reported_at       timestamptz not null,
    primary key (program_id, year)
);

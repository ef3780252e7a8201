-- Running totals per program, calendar year (UTC) of the encounter and need (Sec. 4(c): mental health, homelessness,
-- addiction and their combinations), kept in the same transaction as every encounter insert. The need is the
-- combination of MENTAL_HEALTH, HOMELESSNESS and SUBSTANCE_USE among the encounter's reasons, joined with '+' in that
-- order, or NONE when it has none of them (welfare checks and other reasons only). Each encounter is in exactly one
-- cell, so the cells of a program add up to its totals.
create table program_need_totals (
    program_id uuid     not null references coresponder_program (id),
    year       smallint not null,
    need       text     not null,
    encounters bigint   not null,
    diverted   bigint   not null,
    arrest     bigint   not null,
    force_used bigint   not null,
    follow_up  bigint   not null,
    primary key (program_id, year, need)
);

-- The encounters stored before this table existed.
insert into program_need_totals (program_id, year, need, encounters, diverted, arrest, force_used, follow_up)
select program_id, year, need, count(*),
       count(*) filter (where outcome in ('RESOLVED_ON_SCENE', 'REFERRED_TO_SERVICES')),
       count(*) filter (where outcome = 'ARREST'),
       count(*) filter (where force_used),
       count(*) filter (where follow_up)
from (select program_id, outcome, force_used, follow_up,
             cast(extract(year from occurred_at at time zone 'UTC') as smallint) as year,
             coalesce(nullif(concat_ws('+',
                     case when 'MENTAL_HEALTH' = any (reasons) then 'MENTAL_HEALTH' end,
                     case when 'HOMELESSNESS' = any (reasons) then 'HOMELESSNESS' end,
                     case when 'SUBSTANCE_USE' = any (reasons) then 'SUBSTANCE_USE' end), ''), 'NONE') as need
      from encounter) e
group by program_id, year, need;

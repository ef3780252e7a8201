-- Sec. 3(c) "regularly and periodically": releases on a schedule (year to date after each quarter's reports are due,
-- a final annual release of the previous year) besides DOJ's releases on demand, and coverage measured two ways.

-- The registry's sworn officer count, so coverage can also be measured as the share of sworn officers whose agency
-- reported (null until the agency's next snapshot; counts as 0 officers).
alter table agency add column sworn_officers integer;

-- What kind each release is and both coverage figures that let it through. Releases published before this migration
-- were on demand; their officer coverage was never measured (null). Adding columns fires no row trigger.
alter table public_release add column kind text not null default 'ON_DEMAND'
    check (kind in ('ON_DEMAND', 'YEAR_TO_DATE', 'ANNUAL'));
alter table public_release add column quarter integer check (quarter between 1 and 4);
alter table public_release add column officer_coverage numeric(5,4);
alter table public_release add column schedule text;

-- Every scheduled release decided, once (the key makes a second decision of the same release impossible): published
-- (with its version) or withheld (with why: both coverage figures and both thresholds), so the public sees why a
-- scheduled release did not appear. Immutable like the releases.
create table scheduled_release (
    schedule         text         primary key,
    kind             text         not null check (kind in ('YEAR_TO_DATE', 'ANNUAL')),
    year             integer      not null,
    quarter          integer      check (quarter between 1 and 4),
    due_on           date         not null,
    as_of            date         not null,
    decided_at       timestamptz  not null,
    decided_by       text         not null,
    status           text         not null check (status in ('PUBLISHED', 'WITHHELD')),
    release_version  integer      references public_release (version),
    reason           text,
    detail           text,
    coverage         numeric(5,4),
    required_coverage numeric(5,4) not null,
    officer_coverage numeric(5,4),
    required_officer_coverage numeric(5,4) not null,
    check ((status = 'PUBLISHED') = (release_version is not null))
);
create trigger scheduled_release_immutable before update or delete on scheduled_release for each row execute function refuse_change();

-- DOJ-2020 is exactly what DOJ's release of 2020-10-28 names: the two standards the order requires (EO 13929
-- Sec. 2(c)(i)-(ii)), the six topics whose independent assessment it encourages, and the three practices agencies are
-- encouraged to implement. Warning shots, no-knock warrants and force termination are not in the release: they leave
-- the catalog. Findings already recorded on them stay (credential_assessment has no foreign key to standard) and read as
-- retired standards; decisions already made are not reopened (a credential's unmet_standards stays as decided).

create table retired_standard (
    version    text        not null references standards_version (version),
    code       text        not null,
    kind       text        not null,
    title      text        not null,
    retired_at timestamptz not null,
    reason     text        not null,
    primary key (version, code)
);

insert into retired_standard (version, code, kind, title, retired_at, reason)
select version, code, kind, title, now(), 'not named in DOJ''s release of 2020-10-28'
from standard where version = 'DOJ-2020' and code in ('WARNING_SHOTS', 'NO_KNOCK_WARRANTS', 'FORCE_TERMINATION');

delete from standard where version = 'DOJ-2020' and code in ('WARNING_SHOTS', 'NO_KNOCK_WARRANTS', 'FORCE_TERMINATION');

-- The release's own words.
update standard set title = 'Use-of-force policies adhere to all applicable federal, state, and local laws (EO 13929 Sec. 2(c)(i))', position = 1
 where version = 'DOJ-2020' and code = 'UOF_LAWFUL';
update standard set title = 'Use-of-force policies prohibit chokeholds, except in situations where the use of deadly force is allowed by law (EO 13929 Sec. 2(c)(ii))', position = 2
 where version = 'DOJ-2020' and code = 'CHOKEHOLD_BAN';
update standard set title = 'Training protocols on use of force', position = 3 where version = 'DOJ-2020' and code = 'UOF_TRAINING';
update standard set title = 'Training protocols on de-escalation', position = 4 where version = 'DOJ-2020' and code = 'DEESCALATION_TRAINING';
update standard set title = 'The scope of an officer''s duty and obligation to intervene in order to prevent excessive force by another officer', position = 5
 where version = 'DOJ-2020' and code = 'DUTY_TO_INTERVENE';
update standard set title = 'When and how an officer should provide appropriate medical care', position = 6
 where version = 'DOJ-2020' and code = 'MEDICAL_AID';
update standard set title = 'Officers identifying themselves as law enforcement and giving verbal warning of their intent to use deadly force', position = 7
 where version = 'DOJ-2020' and code = 'DEADLY_FORCE_WARNING';
update standard set title = 'Shooting at or from a moving vehicle', position = 8 where version = 'DOJ-2020' and code = 'SHOOTING_MOVING_VEHICLES';
update standard set title = 'Early intervention systems to promote officer wellness and to identify officers who may be at risk of violating use-of-force policies', position = 9
 where version = 'DOJ-2020' and code = 'EARLY_INTERVENTION_SYSTEM';
update standard set title = 'Policies and procedures to help recruit and promote the best and brightest', position = 10
 where version = 'DOJ-2020' and code = 'RECRUITMENT_PROMOTION';
update standard set title = 'Community engagement plans to address each community''s specific needs', position = 11
 where version = 'DOJ-2020' and code = 'COMMUNITY_ENGAGEMENT_PLAN';

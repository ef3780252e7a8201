-- A rule that does not govern the agency answers NOT_APPLICABLE (EO 13929 Sec. 2(b) for tribal, territorial and
-- federal agencies: Sec2bCoverage), and its history keeps that outcome.
alter table eligibility_history drop constraint eligibility_history_outcome_check;
alter table eligibility_history add constraint eligibility_history_outcome_check
    check (outcome in ('PASS', 'FAIL', 'NOT_APPLICABLE'));

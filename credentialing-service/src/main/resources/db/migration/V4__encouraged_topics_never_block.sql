-- Only the two standards the order makes mandatory (EO 13929 Sec. 2(c)(i)-(ii)) decide a credential. The topics DOJ's
-- release of 2020-10-28 encourages are recorded as findings (MET, NOT_MET, NOT_APPLICABLE or NOT_ASSESSED) and, when the
-- credential is decided, summarized on the credential so that its view and the reports show them.

alter table credential_assessment drop constraint credential_assessment_outcome_check;
alter table credential_assessment add constraint credential_assessment_outcome_check
    check (outcome in ('MET', 'NOT_MET', 'NOT_APPLICABLE', 'NOT_ASSESSED'));

alter table agency_credential
    add column topics_met            text[],
    add column topics_not_met        text[],
    add column topics_not_applicable text[],
    add column topics_not_assessed   text[];

package org.safepolicing.contracts;

import java.util.Map;

import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.contracts.events.EligibilityChanged;
import org.safepolicing.contracts.events.PublicReleasePublished;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.contracts.events.TrainingCoverageChanged;

/**
 * CloudEvents {@code type} values (the {@code ce_type} header) and the payload class each one carries.
 * A type names what happened; its payload class is the data schema.
 */
public final class EventTypes {

    private static final String PREFIX = "org.safepolicing.";

    // agency-registry.v1
    public static final String AGENCY_REGISTERED = PREFIX + "agency.registered";
    public static final String AGENCY_UPDATED = PREFIX + "agency.updated";
    public static final String AGENCY_DEACTIVATED = PREFIX + "agency.deactivated";

    // credentialing.events.v1: bodies
    public static final String BODY_APPLIED = PREFIX + "credentialing.body.applied";
    public static final String BODY_CERTIFIED = PREFIX + "credentialing.body.certified";
    public static final String BODY_REFUSED = PREFIX + "credentialing.body.refused";
    public static final String BODY_SUSPENDED = PREFIX + "credentialing.body.suspended";
    public static final String BODY_REINSTATED = PREFIX + "credentialing.body.reinstated";
    public static final String BODY_REVOKED = PREFIX + "credentialing.body.revoked";
    public static final String BODY_TERM_EXPIRED = PREFIX + "credentialing.body.term-expired";

    // credentialing.events.v1: agency credentials
    public static final String CREDENTIAL_SOUGHT = PREFIX + "credentialing.credential.sought";
    public static final String CREDENTIAL_GRANTED = PREFIX + "credentialing.credential.granted";
    public static final String CREDENTIAL_DENIED = PREFIX + "credentialing.credential.denied";
    public static final String CREDENTIAL_REVOKED = PREFIX + "credentialing.credential.revoked";
    public static final String CREDENTIAL_EXPIRED = PREFIX + "credentialing.credential.expired";
    public static final String CREDENTIAL_WITHDRAWN = PREFIX + "credentialing.credential.withdrawn";
    public static final String CREDENTIAL_RENEWED = PREFIX + "credentialing.credential.renewed";

    // records.reporting.v1
    public static final String REPORTING_STATUS_CHANGED = PREFIX + "records.reporting.status-changed";
    // records.public-releases.v1
    public static final String PUBLIC_RELEASE_PUBLISHED = PREFIX + "records.public-release.published";

    // coresponder.events.v1
    public static final String PROGRAM_STATUS_CHANGED = PREFIX + "coresponder.program.status-changed";
    public static final String TRAINING_COVERAGE_CHANGED = PREFIX + "coresponder.training.coverage-changed";
    /** HHS's survey report to the President (Sec. 4(c)); key: the report id, not an ORI. */
    public static final String SURVEY_REPORT_PUBLISHED = PREFIX + "coresponder.survey.report-published";

    // grants.eligibility.v1
    public static final String ELIGIBILITY_CHANGED = PREFIX + "grants.eligibility.changed";

    /** Payload class per event type. */
    public static final Map<String, Class<? extends Record>> PAYLOADS = Map.ofEntries(
            Map.entry(AGENCY_REGISTERED, AgencySnapshot.class),
            Map.entry(AGENCY_UPDATED, AgencySnapshot.class),
            Map.entry(AGENCY_DEACTIVATED, AgencySnapshot.class),
            Map.entry(BODY_APPLIED, CredentialingBodyChanged.class),
            Map.entry(BODY_CERTIFIED, CredentialingBodyChanged.class),
            Map.entry(BODY_REFUSED, CredentialingBodyChanged.class),
            Map.entry(BODY_SUSPENDED, CredentialingBodyChanged.class),
            Map.entry(BODY_REINSTATED, CredentialingBodyChanged.class),
            Map.entry(BODY_REVOKED, CredentialingBodyChanged.class),
            Map.entry(BODY_TERM_EXPIRED, CredentialingBodyChanged.class),
            Map.entry(CREDENTIAL_SOUGHT, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_GRANTED, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_DENIED, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_REVOKED, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_EXPIRED, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_WITHDRAWN, AgencyCredentialChanged.class),
            Map.entry(CREDENTIAL_RENEWED, AgencyCredentialChanged.class),
            Map.entry(REPORTING_STATUS_CHANGED, ReportingStatusChanged.class),
            Map.entry(PUBLIC_RELEASE_PUBLISHED, PublicReleasePublished.class),
            Map.entry(PROGRAM_STATUS_CHANGED, CoResponderProgramChanged.class),
            Map.entry(TRAINING_COVERAGE_CHANGED, TrainingCoverageChanged.class),
            Map.entry(SURVEY_REPORT_PUBLISHED, SurveyReportPublished.class),
            Map.entry(ELIGIBILITY_CHANGED, EligibilityChanged.class));

    private EventTypes() {
    }
}

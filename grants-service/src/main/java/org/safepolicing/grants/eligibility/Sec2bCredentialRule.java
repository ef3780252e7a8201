package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.contracts.Sec2bCoverage;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CredentialProjection;

/**
 * EO 13929 Sec. 2(b): DOJ discretionary grants go only to agencies that have sought or hold a credential from a
 * credentialing body the Attorney General has certified. It covers State and local agencies (the order's words; DOJ's
 * standards of 2020-10-28: "state, local, and university"): for the agency types it does not cover (tribal,
 * territorial, federal: {@link Sec2bCoverage}, the one table) the rule is NOT_APPLICABLE with the table's reason. An
 * agency whose type the registry has not stated is held to the rule.
 */
@ApplicationScoped
public class Sec2bCredentialRule implements EligibilityRule {

    public static final String CODE = "SEC_2B_CREDENTIAL";

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String remedy(GrantProgram program) {
        return "seek or hold a credential from a credentialing body the Attorney General has certified";
    }

    @Override
    public RuleResult evaluate(AgencyStanding standing, GrantProgram program) {
        AgencyProjection agency = standing.agency();
        Sec2bCoverage coverage = coverage(agency);
        if (coverage != null && !coverage.grantConditionApplies()) {
            return RuleResult.notApplicable(CODE, coverage.reason(), DecidingEvent.of(agency.lastEvent));
        }
        CredentialProjection credential = standing.credential();
        if (credential == null) {
            return RuleResult.fail(CODE, "no credential sought", null);
        }
        DecidingEvent credentialEvent = DecidingEvent.of(credential.lastEvent);
        BodyProjection body = standing.body();
        String bodyLabel = body == null ? credential.bodyId.toString() : body.label();
        boolean soughtOrHeld = CredentialStatus.SOUGHT.name().equals(credential.status)
                || CredentialStatus.CREDENTIALED.name().equals(credential.status);
        if (!soughtOrHeld) {
            RuleResult earlier = earlier(standing, credential, bodyLabel, credentialEvent);
            return earlier != null ? earlier : RuleResult.fail(CODE, lapsed(credential, bodyLabel), credentialEvent);
        }
        if (body == null) {
            return RuleResult.fail(CODE, "credentialing body " + bodyLabel + " is not known to be certified",
                    credentialEvent);
        }
        if (!body.certified()) {
            String reason = "credentialing body " + bodyLabel + " is " + body.status
                    + (blank(body.reason) ? "" : ": " + body.reason);
            return RuleResult.fail(CODE, reason, DecidingEvent.of(body.lastEvent));
        }
        DecidingEvent decidedBy = DecidingEvent.later(credentialEvent, DecidingEvent.of(body.lastEvent));
        if (CredentialStatus.SOUGHT.name().equals(credential.status)) {
            return RuleResult.pass(CODE, "credential sought from certified credentialing body " + bodyLabel, decidedBy);
        }
        return RuleResult.pass(CODE, "credentialed by certified credentialing body " + bodyLabel
                + (credential.validUntil == null ? "" : " until " + credential.validUntil), decidedBy);
    }

    /**
     * The answer when the latest credential is a renewal that lapsed and the credential it renews is known (Sec. 2(b):
     * an agency that holds a credential "has sought" one; a renewal refused or withdrawn does not end the credential
     * still in force). PASS while the earlier credential is CREDENTIALED, valid on the day the renewal was refused and
     * its body certified; it ends with the earlier credential's own expiry or revocation event. Null when there is no
     * earlier credential to consider (the renewal's lapse decides alone).
     */
    private static RuleResult earlier(AgencyStanding standing, CredentialProjection renewal, String bodyLabel,
                                      DecidingEvent renewalEvent) {
        if (!renewal.hasEarlier()) {
            return null;
        }
        boolean refused = CredentialStatus.DENIED.name().equals(renewal.status)
                || CredentialStatus.WITHDRAWN.name().equals(renewal.status);
        String renewalLapse = "renewal " + lapsed(renewal, bodyLabel).replaceFirst("^credential ", "");
        DecidingEvent earlierEvent = DecidingEvent.of(renewal.earlierEvent);
        DecidingEvent both = DecidingEvent.later(renewalEvent, earlierEvent);
        BodyProjection body = standing.earlierBody();
        String earlierBodyLabel = body == null ? String.valueOf(renewal.earlierBodyId) : body.label();
        if (!CredentialStatus.CREDENTIALED.name().equals(renewal.earlierStatus)) {
            return RuleResult.fail(CODE, renewalLapse + "; the credential it renewed: " + lapsed(renewal.earlierStatus,
                    renewal.earlierStatusSince, renewal.earlierValidUntil, null, null, earlierBodyLabel), both);
        }
        if (!refused) {
            return null; // revoked or expired renewal: the body or time ended it, the lapse decides
        }
        LocalDate refusedOn = renewal.statusSince == null ? null : date(renewal.statusSince);
        if (refusedOn != null && renewal.earlierValidUntil != null && renewal.earlierValidUntil.isBefore(refusedOn)) {
            return RuleResult.fail(CODE, renewalLapse + "; the credential it renewed was valid until "
                    + renewal.earlierValidUntil, both);
        }
        if (body == null || !body.certified()) {
            String standingOfBody = body == null ? "is not known to be certified"
                    : "is " + body.status + (blank(body.reason) ? "" : ": " + body.reason);
            return RuleResult.fail(CODE, renewalLapse + "; the credential it renewed is from credentialing body "
                    + earlierBodyLabel + ", which " + standingOfBody,
                    body == null ? both : DecidingEvent.later(both, DecidingEvent.of(body.lastEvent)));
        }
        return RuleResult.pass(CODE, "credentialed by certified credentialing body " + earlierBodyLabel
                        + (renewal.earlierValidUntil == null ? "" : " until " + renewal.earlierValidUntil)
                        + " (the earlier credential stays in force: " + renewalLapse + ")",
                DecidingEvent.later(both, DecidingEvent.of(body.lastEvent)));
    }

    /** Why a credential that is neither sought nor held does not count, in plain words. */
    private static String lapsed(CredentialProjection credential, String bodyLabel) {
        return lapsed(credential.status, credential.statusSince, credential.validUntil, credential.reason,
                credential.unmetStandards, bodyLabel);
    }

    private static String lapsed(String statusName, Instant statusSince, LocalDate validUntil, String reason,
                                 String unmetStandards, String bodyLabel) {
        String on = statusSince == null ? "" : " on " + date(statusSince);
        String why = blank(reason) ? "" : ": " + reason;
        CredentialStatus status;
        try {
            status = CredentialStatus.valueOf(statusName);
        } catch (IllegalArgumentException e) {
            return "credential is " + statusName + ", which is neither sought nor held";
        }
        return switch (status) {
            case WITHDRAWN -> "credential withdrawn by the agency" + on + why;
            case DENIED -> "credential denied by credentialing body " + bodyLabel + on
                    + (blank(unmetStandards) ? why : ": standards not met: " + unmetStandards);
            case REVOKED -> "credential revoked by credentialing body " + bodyLabel + on + why;
            case EXPIRED -> "credential expired" + (validUntil != null ? " on " + validUntil : on);
            case SOUGHT -> "credential sought" + on;
            case CREDENTIALED -> "credential held" + (validUntil != null ? " until " + validUntil : "");
        };
    }

    private static Sec2bCoverage coverage(AgencyProjection agency) {
        if (agency == null || agency.agencyType == null) {
            return null;
        }
        try {
            return Sec2bCoverage.of(AgencyType.valueOf(agency.agencyType));
        } catch (IllegalArgumentException e) {
            return null; // a type added upstream later: held to the rule until the table states it
        }
    }

    private static LocalDate date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

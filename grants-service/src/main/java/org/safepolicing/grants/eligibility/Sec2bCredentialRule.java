package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CredentialProjection;

/**
 * EO 13929 Sec. 2(b): DOJ discretionary grants go only to agencies that have sought or hold a credential from a
 * credentialing body the Attorney General has certified. Tribal agencies are exempt (DOJ rule).
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
        if (agency != null && agency.tribal()) {
            return RuleResult.pass(CODE, "tribal agency: exempt from the Sec. 2(b) credential condition",
                    DecidingEvent.of(agency.lastEvent));
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
            return RuleResult.fail(CODE, lapsed(credential, bodyLabel), credentialEvent);
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

    /** Why a credential that is neither sought nor held does not count, in plain words. */
    private static String lapsed(CredentialProjection credential, String bodyLabel) {
        String on = credential.statusSince == null ? "" : " on " + date(credential.statusSince);
        String why = blank(credential.reason) ? "" : ": " + credential.reason;
        CredentialStatus status;
        try {
            status = CredentialStatus.valueOf(credential.status);
        } catch (IllegalArgumentException e) {
            return "credential is " + credential.status + ", which is neither sought nor held";
        }
        return switch (status) {
            case WITHDRAWN -> "credential withdrawn by the agency" + on + why;
            case DENIED -> "credential denied by credentialing body " + bodyLabel + on
                    + (blank(credential.unmetStandards) ? why : ": standards not met: " + credential.unmetStandards);
            case REVOKED -> "credential revoked by credentialing body " + bodyLabel + on + why;
            case EXPIRED -> "credential expired" + (credential.validUntil != null ? " on " + credential.validUntil : on);
            case SOUGHT, CREDENTIALED -> throw new IllegalStateException("a sought or held credential has not lapsed");
        };
    }

    private static LocalDate date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

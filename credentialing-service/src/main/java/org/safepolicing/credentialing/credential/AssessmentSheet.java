package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.standard.StandardKind;

/**
 * A credential's findings so far, under the standards version it is assessed under. {@code notYetAssessed}: the
 * mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) still without a finding, which a decision needs;
 * {@code topicsNotAssessed}: the encouraged topics without a finding (reported NOT_ASSESSED, never needed).
 * {@code required} on a line is true for the mandatory standards only; {@code retired} marks a finding on a standard that
 * has since left the credential's version (the items DOJ's release of 2020-10-28 does not name), kept readable.
 */
public record AssessmentSheet(UUID credentialId, String standardsVersion, CredentialStatus status, List<Line> assessments,
                              List<String> notYetAssessed, List<String> topicsNotAssessed) {

    public record Line(String standard, StandardKind kind, boolean required, AssessmentOutcome outcome, List<String> evidenceRefs,
                       String notes, String assessedBy, Instant assessedAt, boolean retired) {
    }
}

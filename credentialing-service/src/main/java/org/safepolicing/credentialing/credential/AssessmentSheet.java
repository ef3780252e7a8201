package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.standard.StandardKind;

/** A credential's findings so far, under the standards version it is assessed under, and what is still to assess. */
public record AssessmentSheet(UUID credentialId, String standardsVersion, CredentialStatus status, List<Line> assessments,
                              List<String> notYetAssessed) {

    public record Line(String standard, StandardKind kind, boolean required, AssessmentOutcome outcome, List<String> evidenceRefs,
                       String notes, String assessedBy, Instant assessedAt) {
    }
}

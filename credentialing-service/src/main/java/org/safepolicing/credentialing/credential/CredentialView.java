package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.safepolicing.contracts.events.CredentialStatus;

/** An agency credential as the API shows it. */
public record CredentialView(UUID id, String ori, UUID bodyId, CredentialStatus status, String standardsVersion,
                             LocalDate validFrom, LocalDate validUntil, String reason, Instant soughtAt, Instant updatedAt) {

    static CredentialView of(AgencyCredential c) {
        return new CredentialView(c.id, c.ori, c.bodyId, c.status, c.standardsVersion, c.validFrom, c.validUntil, c.reason,
                c.soughtAt, c.updatedAt);
    }
}

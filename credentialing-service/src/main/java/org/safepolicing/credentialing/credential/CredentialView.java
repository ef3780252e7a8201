package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.CredentialStatus;

/**
 * An agency credential as the API shows it. {@code unmetStandards} names the mandatory standards (Sec. 2(c)(i)-(ii))
 * not MET on a denial; {@code topicFindings} reports the encouraged topics by outcome once decided (null before).
 */
public record CredentialView(UUID id, String ori, UUID bodyId, CredentialStatus status, String standardsVersion,
                             LocalDate validFrom, LocalDate validUntil, String reason, Instant soughtAt, Instant updatedAt,
                             String affirmedBy, LocalDate determinationDate, List<String> unmetStandards, UUID renewalOf,
                             UUID supersededBy, boolean inForce, TopicFindings topicFindings) {

    public static CredentialView of(AgencyCredential c) {
        return new CredentialView(c.id, c.ori, c.bodyId, c.status, c.standardsVersion, c.validFrom, c.validUntil, c.reason,
                c.soughtAt, c.updatedAt, c.affirmedBy, c.determinationDate,
                c.unmetStandards == null ? List.of() : List.copyOf(c.unmetStandards), c.renewalOf, c.supersededBy, c.inForce(),
                TopicFindings.of(c));
    }
}

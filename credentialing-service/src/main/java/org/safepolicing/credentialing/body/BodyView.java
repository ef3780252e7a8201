package org.safepolicing.credentialing.body;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.BodyStatus;

/** A credentialing body as the API shows it, with its application (Sec. 2(c)) and what it lacks for certification. */
public record BodyView(UUID id, String name, List<String> coveredStandards, String standardsVersion, BodyStatus status,
                       String statusReason, LocalDate termStart, LocalDate termEnd, Instant updatedAt,
                       BodyRequests.Sec2cTopics addresses, Boolean confirmsMandatoryStandards, List<String> applicationMissing) {

    public static BodyView of(CredentialingBody b) {
        return new BodyView(b.id, b.name, List.copyOf(b.coveredStandards), b.standardsVersion, b.status, b.statusReason,
                b.termStart, b.termEnd, b.updatedAt,
                new BodyRequests.Sec2cTopics(b.addressesUseOfForce, b.addressesDeEscalation, b.addressesEarlyWarning,
                        b.addressesCommunityEngagement), b.confirmsMandatoryStandards, b.applicationMissing());
    }
}

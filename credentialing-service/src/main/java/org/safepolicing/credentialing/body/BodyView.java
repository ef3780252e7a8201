package org.safepolicing.credentialing.body;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.BodyStatus;

/** A credentialing body as the API shows it. */
public record BodyView(UUID id, String name, List<String> coveredStandards, String standardsVersion, BodyStatus status,
                       String statusReason, LocalDate termStart, LocalDate termEnd, Instant updatedAt) {

    public static BodyView of(CredentialingBody b) {
        return new BodyView(b.id, b.name, List.copyOf(b.coveredStandards), b.standardsVersion, b.status, b.statusReason,
                b.termStart, b.termEnd, b.updatedAt);
    }
}

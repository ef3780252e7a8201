package org.safepolicing.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A credentialing body's standing changed. Key: the body id. Carries the whole standing, so a consumer never calls back.
 *
 * @param coveredStandards standard codes the body's review covers (all mandatory ones at least)
 * @param termStart        first day of the certification term, when certified
 * @param termEnd          last day of the certification term, when certified
 * @param reason           why DOJ suspended, revoked or refused, when it did
 */
public record CredentialingBodyChanged(
        UUID bodyId,
        String name,
        BodyStatus status,
        BodyStatus previousStatus,
        List<String> coveredStandards,
        LocalDate termStart,
        LocalDate termEnd,
        String reason,
        Instant occurredAt) {
}

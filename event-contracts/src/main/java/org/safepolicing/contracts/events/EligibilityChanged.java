package org.safepolicing.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agency's grant eligibility changed. Key: the agency's ORI.
 *
 * @param grantProgramId the grant program, or {@code null} for the conditions that every DOJ discretionary grant carries
 * @param rules          every rule's outcome after the change
 */
public record EligibilityChanged(
        String ori,
        UUID grantProgramId,
        boolean eligible,
        boolean previouslyEligible,
        List<RuleOutcome> rules,
        Instant decidedAt) {
}

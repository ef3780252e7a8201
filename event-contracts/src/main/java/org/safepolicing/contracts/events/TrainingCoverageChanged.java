package org.safepolicing.contracts.events;

import java.time.Instant;

/**
 * An agency's officer training coverage changed. Key: the agency's ORI.
 *
 * @param coverage trained / sworn, 0..1 (0 when sworn is 0)
 */
public record TrainingCoverageChanged(
        String ori,
        int trainedOfficers,
        int swornOfficers,
        double coverage,
        Instant occurredAt) {
}

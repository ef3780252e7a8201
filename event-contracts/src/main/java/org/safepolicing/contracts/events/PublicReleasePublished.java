package org.safepolicing.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A new immutable release of aggregated, anonymized misconduct statistics was published. Key: the release id.
 *
 * @param version     increases by one per release
 * @param coverage    share of agencies whose reports are in, 0..1, that gated the publication
 */
public record PublicReleasePublished(
        UUID releaseId,
        int version,
        String title,
        int year,
        double coverage,
        String methodology,
        Instant publishedAt) {
}

package org.safepolicing.contracts.events;

import java.time.Instant;

/**
 * The whole registry entry of one agency, published on the compacted {@code agency-registry.v1} topic keyed by ORI,
 * so the latest record per key is the agency as it is now. Deactivation is a snapshot with {@code active=false}.
 */
public record AgencySnapshot(
        String ori,
        String name,
        AgencyType type,
        String state,
        String county,
        Integer swornOfficers,
        Long populationServed,
        String urbanRural,
        boolean active,
        long version,
        Instant updatedAt) {
}

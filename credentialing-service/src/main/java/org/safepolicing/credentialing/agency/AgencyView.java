package org.safepolicing.credentialing.agency;

import java.time.Instant;

import org.safepolicing.contracts.events.AgencyType;

/** An agency as the API shows it. */
public record AgencyView(String ori, String name, AgencyType type, String state, String county, Integer swornOfficers,
                         Long populationServed, String urbanRural, boolean active, long version, Instant updatedAt) {

    public static AgencyView of(Agency a) {
        return new AgencyView(a.ori, a.name, a.type, a.state, a.county, a.swornOfficers, a.populationServed, a.urbanRural,
                a.active, a.version, a.updatedAt);
    }
}

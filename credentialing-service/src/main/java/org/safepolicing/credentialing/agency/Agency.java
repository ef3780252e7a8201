package org.safepolicing.credentialing.agency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;

/** A law enforcement agency, keyed by its FBI ORI. */
@Entity
@Table(name = "agency")
public class Agency {

    @Id
    public String ori;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "agency_type")
    public AgencyType type;

    public String state;

    public String county;

    @Column(name = "sworn_officers")
    public Integer swornOfficers;

    @Column(name = "population_served")
    public Long populationServed;

    @Column(name = "urban_rural")
    public String urbanRural;

    public boolean active = true;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The registry entry as published on agency-registry.v1. */
    public AgencySnapshot snapshot() {
        return new AgencySnapshot(ori, name, type, state, county, swornOfficers, populationServed, urbanRural, active,
                version, updatedAt);
    }
}

package org.safepolicing.grants.projection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What grants keeps of an agency's registry entry (agency-registry.v1). */
@Entity
@Table(name = "agency_projection")
public class AgencyProjection {

    @Id
    public String ori;

    public String name;

    /** As the registry spells it; a type this service does not know yet is kept, not refused. */
    @Column(name = "agency_type")
    public String agencyType;

    public boolean active;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

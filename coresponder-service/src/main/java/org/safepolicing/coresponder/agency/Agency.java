package org.safepolicing.coresponder.agency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** This service's copy of an agency's registry entry (agency-registry.v1): what coverage and capacity divide by. */
@Entity
@Table(name = "agency")
public class Agency {

    @Id
    public String ori;

    public String name;

    /** As the registry spells it; a type added later upstream is kept, not refused. */
    @Column(name = "agency_type")
    public String agencyType;

    public String state;

    @Column(name = "sworn_officers")
    public Integer swornOfficers;

    @Column(name = "population_served")
    public Long populationServed;

    public boolean active;

    @Column(name = "last_event_id")
    public String lastEventId;

    @Column(name = "last_sequence")
    public long lastSequence;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

package org.safepolicing.grants.projection;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An agency's officer training coverage (trained / sworn), from coresponder.events.v1 (keyed by ORI). */
@Entity
@Table(name = "training_projection")
public class TrainingProjection {

    @Id
    public String ori;

    @Column(name = "trained_officers")
    public int trainedOfficers;

    @Column(name = "sworn_officers")
    public int swornOfficers;

    /** 0..1, six decimals. */
    public BigDecimal coverage;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.safepolicing.contracts.events.BodyStatus;

/** A credentialing body's standing with the Attorney General, from credentialing.events.v1. */
@Entity
@Table(name = "body_projection")
public class BodyProjection {

    @Id
    @Column(name = "body_id")
    public UUID bodyId;

    public String name;

    /** As the event spells it; a status added later upstream is kept and simply is not CERTIFIED. */
    public String status;

    @Column(name = "term_end")
    public LocalDate termEnd;

    /** Why DOJ suspended, revoked or refused it, when it said. */
    public String reason;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean certified() {
        return BodyStatus.CERTIFIED.name().equals(status);
    }

    /** The body's name when known, else its id. */
    public String label() {
        return name == null || name.isBlank() ? bodyId.toString() : name;
    }
}

package org.safepolicing.grants.projection;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.safepolicing.contracts.events.ProgramStatus;

/** One co-responder program of an agency, from coresponder.events.v1 (keyed by ORI). */
@Entity
@Table(name = "coresponder_program_projection")
public class CoResponderProgramProjection {

    @Id
    @Column(name = "program_id")
    public UUID programId;

    public String ori;

    @Column(name = "partner_organization")
    public String partnerOrganization;

    public String model;

    /** As the event spells it; a status added later upstream is kept and counts as neither active nor planned. */
    public String status;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean activeOrPlanned() {
        return ProgramStatus.ACTIVE.name().equals(status) || ProgramStatus.PLANNED.name().equals(status);
    }

    /** The program in plain words: partner and model when known. */
    public String label() {
        String partner = partnerOrganization == null || partnerOrganization.isBlank() ? "program " + programId
                : "program with " + partnerOrganization;
        return model == null ? partner : partner + " (" + model + ")";
    }
}

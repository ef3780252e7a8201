package org.safepolicing.coresponder.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;

/** A co-responder or community-support program of a police agency (ORI) or of a community provider (provider id). */
@Entity
@Table(name = "coresponder_program")
public class Program {

    /** Which status may follow which; ENDED is final. */
    static final Map<ProgramStatus, Set<ProgramStatus>> TRANSITIONS = Map.of(
            ProgramStatus.PLANNED, Set.of(ProgramStatus.ACTIVE, ProgramStatus.ENDED),
            ProgramStatus.ACTIVE, Set.of(ProgramStatus.SUSPENDED, ProgramStatus.ENDED),
            ProgramStatus.SUSPENDED, Set.of(ProgramStatus.ACTIVE, ProgramStatus.ENDED),
            ProgramStatus.ENDED, Set.of());

    @Id
    public UUID id;

    /** The police agency running the program; null for a community provider's program. */
    public String ori;

    /** The community provider running the program (not a police agency); null for an agency's program. */
    @Column(name = "provider_id")
    public UUID providerId;

    @Column(name = "partner_organization")
    public String partnerOrganization;

    @Enumerated(EnumType.STRING)
    public ProgramModel model;

    @Enumerated(EnumType.STRING)
    public ProgramStatus status;

    @Column(name = "coverage_hours_per_week")
    public int coverageHoursPerWeek;

    @Column(name = "coverage_area")
    public String coverageArea;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "program_clinician", joinColumns = @JoinColumn(name = "program_id"))
    @OrderColumn(name = "position")
    public List<Clinician> clinicians = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean mayChangeTo(ProgramStatus next) {
        return TRANSITIONS.get(status).contains(next);
    }

    /** The statuses that may follow the current one, by name; none once ENDED. */
    public List<ProgramStatus> allowedNext() {
        return TRANSITIONS.get(status).stream().sorted(Comparator.comparing(Enum::name)).toList();
    }

    /** Clinician positions change until the program has ENDED. */
    public boolean mayChangeClinicians() {
        return status != ProgramStatus.ENDED;
    }

    /** Encounters are reported for a program that has started (any status but PLANNED). */
    public boolean takesEncounters() {
        return status != ProgramStatus.PLANNED;
    }

    CoResponderProgramChanged changed(ProgramStatus previous) {
        return new CoResponderProgramChanged(id, ori, partnerOrganization, model, status, previous, updatedAt);
    }
}

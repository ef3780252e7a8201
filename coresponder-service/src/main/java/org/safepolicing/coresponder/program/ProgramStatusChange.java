package org.safepolicing.coresponder.program;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.safepolicing.contracts.events.ProgramStatus;

/** One entry of a program's status history; the first has no {@code from}. */
@Entity
@Table(name = "program_status_change")
public class ProgramStatusChange {

    @Id
    public UUID id;

    @Column(name = "program_id")
    public UUID programId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ProgramStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ProgramStatus to;

    public String reason;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;
}
